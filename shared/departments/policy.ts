/** Who may do what with departments (承办单位): each permission once, the web's `can()` and the server's check both read it. */
import { inCongress, type Policy } from '../permission.ts';

export const departmentsPolicy = {
  /** Everyone with a role in the congress sees its departments (the lists name them). */
  'departments.read': inCongress('any'),
  /** Staff add, rename and deactivate departments. */
  'departments.manage': inCongress(['admin']),
  /** The office's departments page (a page, not a route: the government office reads it beside the staff). */
  'departments.office': inCongress(['admin', 'government']),
} as const satisfies Policy;

/** The hallbox stage as the web app calls it: the county's filed session packages and the upload. */
import { urlOf } from '../../../shared/contract.ts';
import * as C from '../../../shared/hallbox/contract.ts';
import * as K from '../../../shared/county/contract.ts';
import type { FiledPackage, FiledPackageDetail } from '../../../shared/hallbox/schema.ts';
import { call } from '../api.ts';

export type { FiledPackage, FiledPackageDetail };

export const fetchPackages = (c: string, q: { childId?: string; page: number; size: number }) => call(C.listPackages, { params: { congressId: c }, query: q });
export const fetchPackage = (c: string, packageId: string) => call(C.getPackage, { params: { congressId: c, packageId } });
export const fetchTownships = (c: string) => call(K.listBelow, { params: { congressId: c }, query: { page: 1, size: 200 } });
export const packageFileUrl = (c: string, packageId: string) => urlOf(C.downloadPackage, { congressId: c, packageId });

export function filePackage(c: string, childId: string, file: File, fingerprint: string) {
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('fingerprint', fingerprint);
  return call(C.filePackage, { params: { congressId: c, childId }, body: form });
}

export const paths = {
  list: (c: string) => `/c/${c}/county/packages`,
  one: (c: string, id: string) => `/c/${c}/county/packages/${id}`,
};

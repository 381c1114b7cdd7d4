/** The stations stage's enum words (station kind, reception kind), said once for the pages. */
import { RECEPTION_KINDS, STATION_KINDS, type ReceptionKind, type StationKind } from '../../../shared/items/enums.ts';
import { t } from '../i18n.ts';

export const stationKindLabel = (k: StationKind) => t(`station.kind.${k}`);
export const stationKindOptions = () => STATION_KINDS.map((k) => ({ value: k, label: stationKindLabel(k) }));
export const receptionKindLabel = (k: ReceptionKind) => t(`reception.kind.${k}`);
export const receptionKindOptions = () => RECEPTION_KINDS.map((k) => ({ value: k, label: receptionKindLabel(k) }));

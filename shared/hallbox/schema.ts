/** The hallbox stage's shapes (shared/hallbox/contract.ts). The package file itself: shared/hallbox/format.ts. */
import { z } from 'zod';
import { CongressId } from '../congress/schema.ts';
import { PageQuery, pageOf } from '../paging.ts';

export const ExportParams = CongressId.extend({ sessionId: z.uuid() });
export const ChildParams = CongressId.extend({ childId: z.uuid() });
export const PackageParams = CongressId.extend({ packageId: z.uuid() });
export const PackageQuery = PageQuery.extend({ childId: z.uuid().optional() });

/** A vote of a filed package, in brief. */
export const FiledVote = z.object({
  id: z.string(),
  title: z.string(),
  publishedAt: z.string(),
  cast: z.int().nullable(),
  /** The titles of the candidates elected (or motions passed), from the result and the bulletin. */
  elected: z.array(z.string()),
});
export type FiledVote = z.infer<typeof FiledVote>;

/** What `session_packages.summary` holds. */
export const PackageSummaryJson = z.object({ sessionId: z.string(), sessionDate: z.string(), exportedAt: z.string(), votes: z.array(FiledVote) });
export type PackageSummaryJson = z.infer<typeof PackageSummaryJson>;

export const FiledPackage = z.object({
  id: z.string(),
  congressId: z.string(),
  congressName: z.string(),
  sourceCongressName: z.string(),
  sessionTitle: z.string(),
  heldOn: z.string().nullable(),
  keyFingerprint: z.string(),
  auditHeadSeq: z.int(),
  auditHeadHash: z.string(),
  votes: z.array(FiledVote),
  importedBy: z.string().nullable(),
  importedAt: z.string(),
});
export type FiledPackage = z.infer<typeof FiledPackage>;
export const FiledPackagePage = pageOf(FiledPackage);

/** One filed package read whole: its brief, each vote's signed tally (who signed) and the published figures. */
export const FiledPackageDetail = FiledPackage.extend({
  exportedAt: z.string(),
  auditEntries: z.int(),
  votes: z.array(
    FiledVote.extend({
      resultDigest: z.string(),
      signoffs: z.array(z.object({ name: z.string(), chief: z.boolean(), at: z.string() })),
      candidates: z.array(z.object({ id: z.string(), title: z.string(), for: z.int(), against: z.int(), abstain: z.int() })),
    }),
  ),
});
export type FiledPackageDetail = z.infer<typeof FiledPackageDetail>;

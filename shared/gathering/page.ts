/** Proposals a page at a time: the list's filters, a page, and counts by status over the other filters (the tabs). */
import { z } from 'zod';
import { pageOf, PageQuery } from '../paging.ts';
import { Proposal, ProposalQuery, ProposalStatus } from './schema.ts';

export const ProposalPageQuery = ProposalQuery.extend(PageQuery.shape);
export type ProposalPageQuery = z.infer<typeof ProposalPageQuery>;
/** `counts`: by status, among what the other filters find (the status tabs' numbers); `all` their sum. */
export const ProposalPage = pageOf(Proposal).extend({ counts: z.partialRecord(ProposalStatus, z.int()), all: z.int() });
export type ProposalPage = z.infer<typeof ProposalPage>;

/** Words of the hall: session, votes, cards, ballot, receipt in English: exactly the keys of hall.zh-CN.ts (checked by tsc). */
import type { hallZh } from './hall.zh-CN.ts';

export const hallEn: Record<keyof typeof hallZh, string> = {
  'hall.over.tag': 'More than present',
  'hall.over.deskTitle': '{issued} ballot cards issued, more than the {present} representatives present.',
  'hall.over.deskText': 'Check: did someone arrive without checking in, was a card handed out twice, or was the count mistyped? Take back and void any extra card. The presidium must confirm these two numbers when it opens the vote.',
  'hall.over.presidium': '{issued} ballot cards issued, more than the {present} representatives present. Opening the vote needs these two numbers confirmed.',
  'hall.open.overTitle': 'More cards issued than representatives present',
  'hall.open.overText': '{issued} ballot cards issued, {present} representatives present: {extra} too many. Check the check-in and the issuance with the scrutineers first.',
  'hall.open.overText2': 'If more ballots come back than cards were issued, the vote is void. To open it anyway, your confirmation ({issued} cards / {present} present) is kept in the audit log.',
  'hall.open.overConfirm': 'Confirm {issued} cards / {present} present and open',
  'hall.open.overChanged': 'The numbers have changed; confirm the new ones.',
  'hall.mode.title': 'How the cards of this vote are handed out',
  'hall.mode.scan': 'Each card scanned as it is handed out',
  'hall.mode.count': 'Number of cards entered',
  'hall.mode.scanWhyDefault': 'This is the default; no card has been handed out yet.',
  'hall.mode.scanWhy': 'The desk is scanning each card: {n} handed out so far.',
  'hall.mode.countWhy': 'A scrutineer entered {n} cards handed out, without scanning them.',
  'hall.mode.scanMeans': 'Scan each card as you hand it out. Only scanned cards can vote: a printed spare card that was never handed out cannot vote even if someone takes it. The system records which cards were handed out, never to whom. Use this whenever a scanner works.',
  'hall.mode.countMeans': 'At casting no one checks which cards were handed out: any printed card that is not voided can vote. So the scrutineers must keep the spare cards that were not handed out, and void those not needed. Use this only when scanning each card is not possible (a scanner fails, for example).',
  'hall.mode.switch': 'To change: scanning a card at the desk switches to scanning (the entered number is no longer used); entering a number switches to counting (the scans are no longer checked at casting).',
  'hall.mode.perVote': 'Cards are made for each vote: this vote’s cards vote only in “{title}”, in no other vote.',
  'hall.mode.paper': 'Paper ballots: a representative may also mark the same card with a pen; after the close two counters key it in separately. Issuance is the same.',
  'hall.vote.createdGo': 'Vote “{title}” created. Next: the scrutineers make the ballot cards.',
};

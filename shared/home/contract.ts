/** The home stage's API routes, each once (shared/contract.ts): what the signed-in person has to do and follow. */
import { route } from '../contract.ts';
import { MyWork, RepresentativeHome } from './schema.ts';

const tag = 'home';

export const myWork = route({
  method: 'GET',
  path: '/me/work',
  tag,
  summary: 'My to-do list: what is mine to do now in each of my congresses, overdue first',
  permission: 'signedIn',
  response: MyWork,
});

export const representativeHome = route({
  method: 'GET',
  path: '/me/representative',
  tag,
  summary:
    "A representative's home: this year's projects and their progress (theirs first), the session when one is on with its votes, their proposals and what became of each",
  permission: 'signedIn',
  response: RepresentativeHome,
});

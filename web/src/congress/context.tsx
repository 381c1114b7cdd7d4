/**
 * Two contexts: the list of congresses this account may open (provided by the staff layout, read by the header's
 * switcher and the congress list page), and the congress of the current address (provided by /c/:congressId).
 */
import { useParams, type RouteSectionProps } from '@solidjs/router';
import { createContext, createEffect, createResource, Show, useContext, type Resource } from 'solid-js';
import type { Congress } from '../../../shared/congress/schema.ts';
import { Async } from '../components/Async.tsx';
import { fetchCongress, rememberCongress } from './congresses.data.ts';

type ListCtx = { congresses: Resource<Congress[]>; refetch: () => void };
export const CongressListContext = createContext<ListCtx>();
export function useCongressList(): ListCtx {
  const ctx = useContext(CongressListContext);
  if (!ctx) throw new Error('useCongressList outside the staff layout');
  return ctx;
}

type CongressCtx = { id: () => string; congress: () => Congress; refetch: () => void; update: (c: Congress) => void };
const CongressContext = createContext<CongressCtx>();
export function useCongress(): CongressCtx {
  const ctx = useContext(CongressContext);
  if (!ctx) throw new Error('useCongress outside /c/:congressId');
  return ctx;
}

/** The layout of every /c/:congressId page: loads the congress once, remembers it as current, shows its pages. */
export function CongressScope(props: RouteSectionProps) {
  const params = useParams<{ congressId: string }>();
  const list = useContext(CongressListContext);
  const [congress, { refetch, mutate }] = createResource(() => params.congressId, fetchCongress);
  createEffect(() => {
    if (congress.state === 'ready') rememberCongress(congress().id);
  });
  return (
    <Async resource={congress} retry={refetch}>
      {(c) => (
        <CongressContext.Provider
          value={{
            id: () => params.congressId,
            congress: () => congress.latest ?? c,
            refetch: () => void refetch(),
            update: (next) => {
              mutate(next);
              list?.refetch();
            },
          }}
        >
          <Show when={congress.latest}>{props.children}</Show>
        </CongressContext.Provider>
      )}
    </Async>
  );
}

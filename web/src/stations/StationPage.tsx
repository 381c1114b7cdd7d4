import { shanghaiToday } from '../../../shared/time.ts';
import { A, useParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { Alert } from '../components/Alert.tsx';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { confirmAction, Dialog } from '../components/Dialog.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { CheckField, SelectField } from '../components/Field.tsx';
import { PageHeader, usePageTitle } from '../components/PageHeader.tsx';
import { Table } from '../components/Table.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { CreateMemberAccountForm } from '../congress/CreateMemberAccountForm.tsx';
import { fetchRoster } from '../roster/roster.data.ts';
import { fmt, t } from '../i18n.ts';
import { AddDaysForm } from './AddDaysForm.tsx';
import { receptionKindLabel, stationKindLabel } from './labels.ts';
import { ReceptionForm } from './ReceptionForm.tsx';
import { StationForm } from './StationForm.tsx';
import {
  fetchPlan,
  fetchReceptions,
  fetchStation,
  publishPlan,
  receptionFileUrl,
  removePlanDay,
  setDuty,
  setStationRepresentatives,
  type PlanDay,
  type Reception,
  type StationDetail,
} from './stations.data.ts';
import './stations.css';

type Rep = { id: string; name: string; delegation: string };

/**
 * One liaison station: what its wall says, its representatives (进站) and keepers, the reception plan of a year
 * (days, duty, publish, who falls short of the quarterly minimum) and the reception records with photos and the
 * items raised. Staff edit everything; the station's own keeper keeps its plan and records.
 */
export default function StationPage() {
  const { id } = useCongress();
  const params = useParams<{ stationId: string }>();
  const thisYear = Number(shanghaiToday().slice(0, 4));
  const [year, setYear] = createSignal(thisYear);
  const [station, { refetch }] = createResource(() => [id(), params.stationId] as const, ([c, s]) => fetchStation(c, s));
  const [plan, { refetch: refetchPlan }] = createResource(() => [id(), params.stationId, year()] as const, ([c, s, y]) => fetchPlan(c, s, y));
  const [records, { refetch: refetchRecords }] = createResource(() => [id(), params.stationId, year()] as const, ([c, s, y]) => fetchReceptions(c, s, y));
  const [editing, setEditing] = createSignal(false);
  const [assigning, setAssigning] = createSignal(false);
  const [addingKeeper, setAddingKeeper] = createSignal(false);
  const [addingDays, setAddingDays] = createSignal(false);
  const [duty, setDutyFor] = createSignal<PlanDay | null>(null);
  const [recording, setRecording] = createSignal<{ day?: PlanDay } | null>(null);
  usePageTitle(() => latest(station)?.name ?? t('stations.title'));

  const all = () => {
    void refetch();
    void refetchPlan();
    void refetchRecords();
  };
  const remove = (d: PlanDay) =>
    confirmAction({
      title: t('stations.plan.remove.title'),
      message: t('stations.plan.remove.message', { day: fmt.date(d.day) }),
      confirmLabel: t('stations.plan.remove.confirm'),
      danger: true,
      action: () => removePlanDay(id(), params.stationId, d.id),
    }).then((ok) => ok && (toast(t('stations.plan.removed', { day: fmt.date(d.day) })), all()));
  const publish = async () => {
    try {
      const r = await publishPlan(id(), params.stationId, year());
      toast(t('stations.plan.published', { n: fmt.count(r.published), year: String(year()) }));
      void refetchPlan();
    } catch (e) {
      toast(e instanceof Error ? e.message : String(e), 'error');
    }
  };

  return (
    <Async resource={station} retry={refetch}>
      {(s) => (
        <>
          <PageHeader
            kicker={<A href={`/c/${id()}/stations`}>← {t('stations.title')}</A>}
            title={s.name}
            lead={stationKindLabel(s.kind)}
            actions={
              <>
                <A class="btn" href={`/s/${s.id}`} target="_blank">
                  {t('stations.publicPage')}
                </A>
                <A class="btn" href={`/c/${id()}/stations/${s.id}/poster`}>
                  {t('stations.poster')}
                </A>
                <Show when={s.canManage}>
                  <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>
                </Show>
              </>
            }
          />
          <div class="station-grid">
            <section class="card" aria-labelledby="st-wall">
              <h2 id="st-wall">{t('stations.wall')}</h2>
              <dl class="facts">
                <dt>{t('stations.field.address')}</dt>
                <dd>{s.address || '—'}</dd>
                <dt>{t('stations.field.contact')}</dt>
                <dd>{s.contact || '—'}</dd>
                <dt>{t('stations.field.receptionTimes')}</dt>
                <dd>{s.receptionTimes || '—'}</dd>
                <dt>{t('stations.field.duties')}</dt>
                <dd class="pre-line">{s.duties || '—'}</dd>
              </dl>
            </section>
            <section class="card" aria-labelledby="st-reps">
              <h2 id="st-reps">
                {t('stations.representatives')} <span class="muted">({fmt.count(s.representativeList.length)})</span>
              </h2>
              <Show when={s.representativeList.length} fallback={<p class="muted">{t('stations.noRepresentatives')}</p>}>
                <ul class="rep-chips">
                  <For each={s.representativeList}>
                    {(r) => (
                      <li>
                        {r.name}
                        <Show when={r.delegation}>
                          <span class="muted small"> · {r.delegation}</span>
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
              <Show when={s.canManage}>
                <Button small onClick={() => setAssigning(true)}>
                  {t('stations.assign')}
                </Button>
              </Show>
              <h3>{t('stations.keepers')}</h3>
              <Show when={s.keepers.length} fallback={<p class="muted small">{t('stations.noKeeper')}</p>}>
                <ul class="plain-list">
                  <For each={s.keepers}>{(k) => <li>{k.displayName}</li>}</For>
                </ul>
              </Show>
              <Show when={s.canManage}>
                <Button small onClick={() => setAddingKeeper(true)}>
                  + {t('stations.addKeeper')}
                </Button>
              </Show>
            </section>
          </div>

          <section class="section" aria-labelledby="st-plan">
            <div class="section-head">
              <h2 id="st-plan">{t('stations.plan.title', { year: String(year()) })}</h2>
              <div class="row-actions">
                <SelectField
                  label={t('stations.year')}
                  fieldClass="inline-field"
                  value={String(year())}
                  onValue={(v) => setYear(Number(v))}
                  options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: String(y), label: String(y) }))}
                />
                <Show when={s.canKeep}>
                  <Button onClick={() => setAddingDays(true)}>{t('stations.plan.add')}</Button>
                  <Show when={(latest(plan)?.unpublished ?? 0) > 0}>
                    <Button variant="primary" onClick={() => void publish()}>
                      {t('stations.plan.publish', { n: fmt.count(latest(plan)!.unpublished) })}
                    </Button>
                  </Show>
                </Show>
              </div>
            </div>
            <Async resource={plan} retry={refetchPlan}>
              {(p) => (
                <>
                  <Table
                    caption={t('stations.plan.title', { year: String(p.year) })}
                    rows={p.days}
                    empty={<EmptyState title={t('stations.plan.empty')}>{s.canKeep ? t('stations.plan.emptyNext') : t('stations.plan.emptyNextReader')}</EmptyState>}
                    columns={[
                      { header: () => t('stations.plan.day'), cell: (d) => <span class="num nowrap">{fmt.date(d.day)}</span> },
                      {
                        header: () => t('stations.plan.kind'),
                        cell: (d) => (
                          <>
                            {receptionKindLabel(d.kind)}
                            <Show when={d.theme}>
                              <span class="muted small block">{d.theme}</span>
                            </Show>
                          </>
                        ),
                      },
                      { header: () => t('stations.plan.duty'), cell: (d) => (d.duty.length ? d.duty.map((r) => r.name).join('、') : <span class="muted">{t('stations.plan.noDuty')}</span>) },
                      {
                        header: () => t('stations.plan.state'),
                        cell: (d) => (
                          <>
                            {d.published ? <span class="tag tag-ok">{t('stations.plan.isPublished')}</span> : <span class="tag tag-muted">{t('stations.plan.notPublished')}</span>}
                            <Show when={d.receptionId}>
                              <span class="tag">{t('stations.plan.recorded')}</span>
                            </Show>
                          </>
                        ),
                      },
                      ...(s.canKeep
                        ? [
                            {
                              header: () => t('common.actions'),
                              noLabel: true,
                              class: 'actions',
                              cell: (d: PlanDay) => (
                                <div class="row-actions">
                                  <Button small onClick={() => setDutyFor(d)} aria-label={t('stations.plan.setDuty.aria', { day: fmt.date(d.day) })}>
                                    {t('stations.plan.setDuty')}
                                  </Button>
                                  <Show when={!d.receptionId && d.day <= shanghaiToday()}>
                                    <Button small variant="primary" onClick={() => setRecording({ day: d })} aria-label={t('stations.record.forDay.aria', { day: fmt.date(d.day) })}>
                                      {t('stations.record.forDay')}
                                    </Button>
                                  </Show>
                                  <Show when={!d.receptionId}>
                                    <Button small variant="danger" onClick={() => remove(d)} aria-label={t('stations.plan.remove.aria', { day: fmt.date(d.day) })}>
                                      {t('stations.plan.remove.confirm')}
                                    </Button>
                                  </Show>
                                </div>
                              ),
                            },
                          ]
                        : []),
                    ]}
                  />
                  <Shortfall plan={p} />
                </>
              )}
            </Async>
          </section>

          <section class="section" aria-labelledby="st-records">
            <div class="section-head">
              <h2 id="st-records">{t('stations.records.title', { year: String(year()) })}</h2>
              <Show when={s.canKeep}>
                <Button variant="primary" onClick={() => setRecording({})}>
                  {t('stations.record.add')}
                </Button>
              </Show>
            </div>
            <Async resource={records} retry={refetchRecords}>
              {(list) => (
                <Show when={list.length} fallback={<EmptyState title={t('stations.records.empty')}>{t('stations.records.emptyNext')}</EmptyState>}>
                  <ul class="record-list">
                    <For each={list}>{(r) => <RecordCard congressId={id()} stationId={s.id} record={r} />}</For>
                  </ul>
                </Show>
              )}
            </Async>
          </section>

          <Dialog open={editing()} onClose={() => setEditing(false)} title={t('stations.edit')}>
            <Show when={editing()}>
              <StationForm
                congressId={id()}
                station={s}
                onCancel={() => setEditing(false)}
                onDone={(name) => {
                  setEditing(false);
                  toast(t('stations.saved', { name }));
                  void refetch();
                }}
              />
            </Show>
          </Dialog>
          <Dialog open={assigning()} onClose={() => setAssigning(false)} title={t('stations.assign')} wide>
            <Show when={assigning()}>
              <AssignForm
                congressId={id()}
                station={s}
                onCancel={() => setAssigning(false)}
                onDone={() => {
                  setAssigning(false);
                  toast(t('stations.assigned'));
                  all();
                }}
              />
            </Show>
          </Dialog>
          <Dialog open={addingKeeper()} onClose={() => setAddingKeeper(false)} title={t('stations.addKeeper')}>
            <Show when={addingKeeper()}>
              <CreateMemberAccountForm
                congressId={id()}
                departments={[]}
                fixedRole="station"
                fixedStation={{ id: s.id, name: s.name }}
                onCancel={() => setAddingKeeper(false)}
                onDone={(a) => {
                  setAddingKeeper(false);
                  toast(t('members.create.done', { name: a.displayName, username: a.username }));
                  void refetch();
                }}
              />
            </Show>
          </Dialog>
          <Dialog open={addingDays()} onClose={() => setAddingDays(false)} title={t('stations.plan.add')}>
            <Show when={addingDays()}>
              <AddDaysForm
                congressId={id()}
                stationId={s.id}
                year={year()}
                onCancel={() => setAddingDays(false)}
                onDone={(n) => {
                  setAddingDays(false);
                  toast(t('stations.plan.added', { n: fmt.count(n) }));
                  void refetchPlan();
                  void refetch();
                }}
              />
            </Show>
          </Dialog>
          <Dialog open={duty() !== null} onClose={() => setDutyFor(null)} title={duty() ? t('stations.plan.setDuty.title', { day: fmt.date(duty()!.day) }) : ''}>
            <Show when={duty()}>
              {(d) => (
                <DutyForm
                  reps={s.representativeList}
                  day={d()}
                  onCancel={() => setDutyFor(null)}
                  save={async (ids) => {
                    await setDuty(id(), s.id, d().id, ids);
                    setDutyFor(null);
                    toast(t('stations.plan.dutySaved'));
                    void refetchPlan();
                  }}
                />
              )}
            </Show>
          </Dialog>
          <Dialog open={recording() !== null} onClose={() => setRecording(null)} title={t('stations.record.add')} wide>
            <Show when={recording()}>
              {(r) => (
                <ReceptionForm
                  congressId={id()}
                  station={s}
                  day={r().day}
                  openDays={(latest(plan)?.days ?? []).filter((d) => !d.receptionId && d.day <= shanghaiToday())}
                  onCancel={() => setRecording(null)}
                  onDone={(codes) => {
                    setRecording(null);
                    toast(codes.length ? t('stations.record.doneItems', { n: fmt.count(codes.length) }) : t('stations.record.done'));
                    all();
                  }}
                />
              )}
            </Show>
          </Dialog>
        </>
      )}
    </Async>
  );
}

/** Who of the station's representatives took part in fewer receptions than the quarter asks (每季度至少 n 次). */
function Shortfall(props: { plan: { perQuarter: number; shortfall: { quarter: number; started: boolean; ended: boolean; below: { representativeId: string; name: string; attended: number }[] }[] } }) {
  const started = () => props.plan.shortfall.filter((q) => q.started);
  return (
    <Show when={props.plan.perQuarter > 0 && started().length}>
      <div class="shortfall" data-testid="shortfall">
        <h3>{t('stations.shortfall.title', { n: fmt.count(props.plan.perQuarter) })}</h3>
        <ul class="plain-list">
          <For each={started()}>
            {(q) => (
              <li>
                <strong>{t('stations.shortfall.quarter', { q: String(q.quarter) })}</strong>
                <Show when={!q.ended}>
                  <span class="muted small"> ({t('stations.shortfall.running')})</span>
                </Show>
                ：
                <Show when={q.below.length} fallback={<span class="ok-text">{t('stations.shortfall.none')}</span>}>
                  <span class="warn-text">{q.below.map((b) => t('stations.shortfall.who', { name: b.name, n: fmt.count(b.attended) })).join('、')}</span>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </div>
    </Show>
  );
}

function RecordCard(props: { congressId: string; stationId: string; record: Reception }) {
  const r = props.record;
  return (
    <li class="card record">
      <div class="record-head">
        <strong class="num">{fmt.date(r.heldOn)}</strong>
        <span class="tag">{receptionKindLabel(r.kind)}</span>
        <Show when={r.theme}>
          <span>{r.theme}</span>
        </Show>
        <span class="muted">{t('stations.record.visitorsN', { n: fmt.count(r.visitors) })}</span>
      </div>
      <Show when={r.representatives.length}>
        <p>
          <span class="muted">{t('stations.record.present')}：</span>
          {r.representatives.map((x) => x.name).join('、')}
        </p>
      </Show>
      <Show when={r.notes}>
        <p class="pre-line">{r.notes}</p>
      </Show>
      <Show when={r.files.length}>
        <ul class="record-files">
          <For each={r.files}>
            {(f) => (
              <li>
                <a href={receptionFileUrl(props.congressId, props.stationId, r.id, f.id)} target="_blank" rel="noopener">
                  <Show when={f.mime.startsWith('image/')} fallback={<span class="file-pdf">PDF · {f.filename}</span>}>
                    <img src={receptionFileUrl(props.congressId, props.stationId, r.id, f.id)} alt={f.filename} loading="lazy" />
                  </Show>
                </a>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={r.items.length}>
        <h4>{t('stations.record.itemsRaised', { n: fmt.count(r.items.length) })}</h4>
        <ul class="plain-list">
          <For each={r.items}>
            {(i) => (
              <li>
                <A href={`/c/${props.congressId}/items/${i.id}`}>{i.title}</A> <span class="mono small muted">{i.trackingCode}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </li>
  );
}

/** 进站: tick the representatives of this station (seated ones of the roster). */
function AssignForm(props: { congressId: string; station: StationDetail; onCancel: () => void; onDone: () => void }) {
  const [roster] = createResource(() => props.congressId, (c) => fetchRoster(c, { status: 'seated' }));
  const [chosen, setChosen] = createSignal(new Set(props.station.representativeList.map((r) => r.id)));
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const toggle = (rid: string, on: boolean) => {
    const next = new Set(chosen());
    if (on) next.add(rid);
    else next.delete(rid);
    setChosen(next);
  };
  const save = async () => {
    setBusy(true);
    try {
      await setStationRepresentatives(props.congressId, props.station.id, [...chosen()]);
      props.onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <p class="lead">{t('stations.assignLead')}</p>
      <Show when={error()}>
        <Alert kind="error">{error()}</Alert>
      </Show>
      <Async resource={roster}>
        {(list) => (
          <div class="check-columns">
            <For each={list}>{(r) => <CheckField label={`${r.name}${r.delegation ? ` · ${r.delegation}` : ''}`} checked={chosen().has(r.id)} onValue={(v) => toggle(r.id, v)} />}</For>
          </div>
        )}
      </Async>
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button variant="primary" busy={busy()} onClick={() => void save()}>
          {t('stations.assignSave', { n: fmt.count(chosen().size) })}
        </Button>
      </div>
    </div>
  );
}

function DutyForm(props: { reps: Rep[]; day: PlanDay; onCancel: () => void; save: (ids: string[]) => Promise<void> }) {
  const [chosen, setChosen] = createSignal(new Set(props.day.duty.map((r) => r.id)));
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const sorted = createMemo(() => props.reps);
  const save = async () => {
    setBusy(true);
    try {
      await props.save([...chosen()]);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <Show when={error()}>
        <Alert kind="error">{error()}</Alert>
      </Show>
      <Show when={sorted().length} fallback={<Alert kind="info">{t('stations.plan.dutyNoReps')}</Alert>}>
        <For each={sorted()}>
          {(r) => (
            <CheckField
              label={r.name}
              checked={chosen().has(r.id)}
              onValue={(v) => {
                const next = new Set(chosen());
                if (v) next.add(r.id);
                else next.delete(r.id);
                setChosen(next);
              }}
            />
          )}
        </For>
      </Show>
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button variant="primary" busy={busy()} onClick={() => void save()}>
          {t('common.save')}
        </Button>
      </div>
    </div>
  );
}

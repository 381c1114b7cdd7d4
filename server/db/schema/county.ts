import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './core.ts';
import { congresses } from './congress.ts';

/**
 * 模板 — what a county (or city) publishes for the congresses below it to adopt (SPEC §16): settings, the negative list,
 * a questionnaire, the item categories, the point rules. A template has versions; a published version never changes.
 */
export const countyTemplates = pgTable(
  'county_templates',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    /** The county or city that publishes it. */
    congressId: text('congress_id')
      .notNull()
      .references(() => congresses.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('county_templates_name').on(t.congressId, t.name)],
);

/** One published version of a template: its content whole (shared/templates/schema.ts `TemplateContent`), frozen. */
export const templateVersions = pgTable(
  'template_versions',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    templateId: text('template_id')
      .notNull()
      .references(() => countyTemplates.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    content: jsonb('content').notNull().$type<Record<string, unknown>>(),
    note: text('note').notNull().default(''),
    publishedBy: text('published_by').references(() => accounts.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('template_versions_version').on(t.templateId, t.version)],
);

/**
 * A congress's adoption of a template version: the copy went into its own settings (which it may change after); this
 * row remembers where the copy came from and which parts were taken. The newest row per template is the current one.
 */
export const templateAdoptions = pgTable(
  'template_adoptions',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    congressId: text('congress_id')
      .notNull()
      .references(() => congresses.id, { onDelete: 'cascade' }),
    versionId: text('version_id')
      .notNull()
      .references(() => templateVersions.id, { onDelete: 'restrict' }),
    /** The parts taken (keys of `TemplateContent`). */
    parts: jsonb('parts').notNull().$type<string[]>(),
    adoptedBy: text('adopted_by').references(() => accounts.id, { onDelete: 'set null' }),
    adoptedAt: timestamp('adopted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('template_adoptions_congress').on(t.congressId, t.adoptedAt)],
);

/**
 * 会场数据包 — a session run on a laptop with no network (the hall in a box), as the county server received it: the
 * signed package whole, what it says in brief, and the key fingerprint that signed it (SPEC §16). Filed beside the
 * township (`congress_id`, the township's record on the county server) only when every check passed.
 */
export const sessionPackages = pgTable(
  'session_packages',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    congressId: text('congress_id')
      .notNull()
      .references(() => congresses.id, { onDelete: 'cascade' }),
    /** SHA-256 of the package file as received: the same package twice is refused. */
    sha256: text('sha256').notNull(),
    sourceCongressName: text('source_congress_name').notNull(),
    sessionTitle: text('session_title').notNull(),
    heldOn: text('held_on'),
    keyFingerprint: text('key_fingerprint').notNull(),
    auditHeadSeq: integer('audit_head_seq').notNull(),
    auditHeadHash: text('audit_head_hash').notNull(),
    /** What the package holds, in brief (votes, their titles and who was elected), for the county's lists. */
    summary: jsonb('summary').notNull().$type<Record<string, unknown>>(),
    package: jsonb('package').notNull().$type<Record<string, unknown>>(),
    /** Whether the township's own server (if it has one) later published the same figures (set by a check, not by hand). */
    matchesOnline: boolean('matches_online'),
    importedBy: text('imported_by').references(() => accounts.id, { onDelete: 'set null' }),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('session_packages_sha').on(t.congressId, t.sha256)],
);

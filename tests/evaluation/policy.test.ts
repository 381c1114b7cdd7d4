/** The evaluation's pure rules (shared/evaluation/policy.ts) and its one answer scale (shared/evaluation/kinds.ts). */
import { describe, expect, it } from 'vitest';
import { allows } from '../../shared/policy.ts';
import { ANSWERS, answerWord, GRADES, offeredAnswers, SATISFACTION, scaleWords } from '../../shared/evaluation/kinds.ts';
import { commentsScope, departmentOnly, figuresRefusal, filesReports, rectificationsScope, seesRound } from '../../shared/evaluation/policy.ts';
import { Answer, GradeValue } from '../../shared/evaluation/schema.ts';
import type { Role } from '../../shared/roles.ts';

const v = (roles: Role[], systemAdmin = false) => ({ roles, systemAdmin });

describe('背靠背: who sees a round and its figures', () => {
  it('a department-only account sees a round once it is published, and only its own departments’ comments and rectifications', () => {
    const dep = v(['department']);
    expect(departmentOnly(dep)).toBe(true);
    expect(seesRound(dep, { publishedAt: null })).toBe(false);
    expect(seesRound(dep, { publishedAt: new Date() })).toBe(true);
    const only = commentsScope(dep, ['d1'])!;
    expect([only({ kind: 'department', id: 'd1' }), only({ kind: 'department', id: 'd2' }), only({ kind: 'project', id: 'd1' })]).toEqual([true, false, false]);
    expect(rectificationsScope(dep, ['d1'])).toEqual(['d1']);
  });
  it('anyone with another role (or staff, or a system administrator) sees every round', () => {
    for (const x of [v(['department', 'representative']), v(['government']), v(['admin', 'department']), v([], true)]) {
      expect(departmentOnly(x)).toBe(false);
      expect(seesRound(x, { publishedAt: null })).toBe(true);
      expect(commentsScope(x, [])).toBeUndefined();
      expect(rectificationsScope(x, [])).toBeNull();
    }
  });
  it('figures: nobody while drafted or open; staff once closed; everyone once published', () => {
    expect(figuresRefusal(v(['admin']), 'open')).toBe('round_figures_hidden');
    expect(figuresRefusal(v([], true), 'draft')).toBe('round_figures_hidden');
    expect(figuresRefusal(v(['admin']), 'closed')).toBeNull();
    expect(figuresRefusal(v(['government']), 'closed')).toBe('round_not_published');
    expect(figuresRefusal(v(['department']), 'published')).toBeNull();
  });
  it('a report is filed with the department role itself, not by a system administrator', () => {
    expect(filesReports(v(['department']))).toBe(true);
    expect(filesReports(v([], true))).toBe(false);
    expect(allows('evaluation.rectifications.report', [], true)).toBe(true);
  });
  it('permissions: staff manage, everyone in the congress reads, representatives are offered their code', () => {
    expect(allows('evaluation.manage', ['admin'], false)).toBe(true);
    expect(allows('evaluation.manage', ['government', 'presidium'], false)).toBe(false);
    expect(allows('evaluation.read', ['scrutineer'], false)).toBe(true);
    expect(allows('evaluation.read', [], false)).toBe(false);
    expect(allows('evaluation.code.offer', ['representative'], false)).toBe(true);
    expect(allows('evaluation.code.offer', ['government'], false)).toBe(false);
  });
});

describe('the satisfaction scale, said once', () => {
  it('has the four answers, three of them grades, 不了解 optional', () => {
    expect(ANSWERS).toEqual(['satisfied', 'basic', 'dissatisfied', 'unknown']);
    expect(GRADES).toEqual(['satisfied', 'basic', 'dissatisfied']);
    expect(Answer.options).toEqual([...ANSWERS]);
    expect(GradeValue.options).toEqual([...GRADES]);
    expect(offeredAnswers(true)).toEqual(ANSWERS);
    expect(offeredAnswers(false)).toEqual(['satisfied', 'basic', 'dissatisfied']);
    expect(SATISFACTION.favourable).toEqual(['satisfied', 'basic']);
  });
  it('its words in both languages, as the dictionaries carry them', () => {
    expect(ANSWERS.map((a) => answerWord(a, 'zh-CN'))).toEqual(['满意', '基本满意', '不满意', '不了解']);
    expect(scaleWords('en')).toMatchObject({ 'evaluation.answer.unknown': "Don't know", 'evaluation.grade.basic': 'Basically satisfied' });
    expect(Object.keys(scaleWords('zh-CN'))).toHaveLength(7);
  });
});

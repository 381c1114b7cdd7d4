/** The templates stage as the web app calls it. */
import * as C from '../../../shared/templates/contract.ts';
import type { TemplateContent, TemplatePart } from '../../../shared/templates/schema.ts';
import { call } from '../api.ts';

export const fetchTemplates = (c: string) => call(C.listTemplates, { params: { congressId: c } });
export const fetchTemplate = (c: string, templateId: string) => call(C.getTemplate, { params: { congressId: c, templateId } });
export const fetchAdoptions = (c: string) => call(C.listAdoptions, { params: { congressId: c } });
export const createTemplate = (c: string, name: string, description: string) => call(C.createTemplate, { params: { congressId: c }, body: { name, description } });
export const publishVersion = (c: string, templateId: string, content: TemplateContent, note: string) => call(C.publishVersion, { params: { congressId: c, templateId }, body: { content, note } });
export const fetchAbove = (c: string) => call(C.listAvailable, { params: { congressId: c } });
export const fetchComparison = (c: string, versionId: string) => call(C.compareVersion, { params: { congressId: c, versionId } });
export const adoptVersion = (c: string, versionId: string, parts: TemplatePart[]) => call(C.adoptVersion, { params: { congressId: c, versionId }, body: { parts } });

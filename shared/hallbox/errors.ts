/** The hallbox stage's refusals: status and a message a person can act on, in both languages (shared/errors.ts gathers them). */
import type { ErrorEntry } from '../errors.ts';

export const HALLBOX_ERRORS = {
  // ---- export (the township's laptop) ----
  package_vote_open: {
    status: 409,
    zh: '会议中还有表决“{title}”尚未结束：请先结束表决、计票并公布结果，再导出数据包。',
    en: 'The vote “{title}” of this session is still open: close it, tally it and publish the result before exporting the package.',
  },
  package_unpublished: {
    status: 409,
    zh: '表决“{title}”的结果尚未公布：请监票人签字、主席团公布后再导出数据包。',
    en: 'The result of the vote “{title}” is not published yet: have the scrutineers sign and the presidium publish it, then export.',
  },
  package_no_votes: {
    status: 409,
    zh: '这次会议没有已公布结果的表决，没有可导出的内容。',
    en: 'This session has no vote with a published result: there is nothing to export.',
  },
  // ---- filing (the county server) ----
  package_file_missing: { status: 400, zh: '请选择要上传的会场数据包文件（.json）。', en: 'Choose the session package file (.json) to upload.' },
  package_fingerprint_format: {
    status: 400,
    zh: '密钥指纹应为 64 位十六进制字符（0–9、a–f），照乡镇回执上打印的抄写，空格可有可无。',
    en: 'The key fingerprint is 64 hexadecimal digits (0–9, a–f): copy it from the township’s paper receipt; spaces are optional.',
  },
  package_malformed: {
    status: 400,
    zh: '文件不是有效的会场数据包（{reason}）：请上传由 npm run export-session 导出的原文件。',
    en: 'The file is not a valid session package ({reason}): upload the file written by npm run export-session, unchanged.',
  },
  package_format: {
    status: 400,
    zh: '数据包格式“{format}”无法识别：本服务器读取 minsheng-session-package/1。',
    en: 'Unknown package format “{format}”: this server reads minsheng-session-package/1.',
  },
  package_signature: {
    status: 422,
    zh: '数据包内容与其签名不符：文件在签名后被改动过。不予归档，请向乡镇索取原文件。',
    en: 'The package’s content does not match its signature: the file was changed after it was signed. Not filed; ask the township for the original file.',
  },
  package_key_mismatch: {
    status: 422,
    zh: '签名密钥的指纹与输入的指纹不符：请对照乡镇回执核对指纹；若无误，则该包是用另一把密钥重新签名的，不予归档。',
    en: 'The key that signed the package does not have the fingerprint typed: check it against the township’s receipt; if it is right, the package was re-signed with another key and is not filed.',
  },
  package_recount: {
    status: 422,
    zh: '表决“{title}”的选票重新计票后与公布的结果不符（{count} 处差异），不予归档。',
    en: 'Recounting the ballots of the vote “{title}” does not give its published result ({count} differences): not filed.',
  },
  package_digest: {
    status: 422,
    zh: '表决“{title}”的结果文件摘要与审计日志中公布时记下的摘要不符，不予归档。',
    en: 'The result file of the vote “{title}” does not have the digest the audit log noted at its publication: not filed.',
  },
  package_chain_broken: {
    status: 422,
    zh: '数据包中的审计日志在第 {seq} 条处断裂（{reason}）：日志被改动过，不予归档。',
    en: 'The audit log in the package breaks at entry {seq} ({reason}): it was changed; not filed.',
  },
  package_head: {
    status: 422,
    zh: '数据包签名的审计日志末条（第 {seq} 条）与日志本身重算的末条不符，不予归档。',
    en: 'The audit head the package signs (entry {seq}) is not the head its log recomputes to: not filed.',
  },
  package_wrong_congress: {
    status: 422,
    zh: '数据包来自“{name}”，而不是“{expected}”：请在正确的乡镇下上传。',
    en: 'The package comes from “{name}”, not “{expected}”: upload it under the right township.',
  },
  package_duplicate: {
    status: 409,
    zh: '这次会议（{session}）的数据包已经归档过了。',
    en: 'A package of this session ({session}) is already filed.',
  },
  package_not_found: { status: 404, zh: '找不到该会场数据包。', en: 'This session package does not exist.' },
} as const satisfies Record<string, ErrorEntry>;

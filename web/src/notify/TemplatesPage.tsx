/** STUB (the web part of issue 26 replaces it). */
export default function TemplatesPage() {
  return <p>…</p>;
}

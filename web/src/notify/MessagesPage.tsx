/** STUB (the web part of issue 26 replaces it). */
export default function MessagesPage() {
  return <p>…</p>;
}

/** A small mark in the popup when a shared catalog's last refresh failed (issue 7 fills this in). */
export function SourcesMark() {
  return null;
}

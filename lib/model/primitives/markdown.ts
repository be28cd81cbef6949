/**
 * Text made safe for one Markdown table cell: backslashes and pipes escaped (a pipe would start a new cell), line
 * breaks turned into spaces (a newline would end the row).
 */
export function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

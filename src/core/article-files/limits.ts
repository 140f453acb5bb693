// Size limits shared by the pure parser and the disk reader, so both refuse the same files.

/** Article files larger than this are refused before they are read: no real article file is this big. */
export const MAX_ARTICLE_FILE_BYTES = 10 * 1024 * 1024;

const MAX_LABEL = `${MAX_ARTICLE_FILE_BYTES / (1024 * 1024)} MB`;

export function tooLargeReason(size: number): string {
  return `File is larger than ${MAX_LABEL} (${size.toLocaleString("en-US")} bytes); split it into smaller files.`;
}

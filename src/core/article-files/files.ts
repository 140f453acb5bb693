// The disk side of ingest: expanding files and folders into article files, and reading one file.
import type { Dirent, Stats } from "node:fs";
import { open, readdir, realpath, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { formatHint } from "./detect.js";
import { MAX_ARTICLE_FILE_BYTES, tooLargeReason } from "./limits.js";
import { parseArticleFile } from "./parse.js";
import type { FileArticles, IngestDefaults, Rejection } from "./types.js";

/** Files in a folder that are not articles: docs, licences, label tables, media, archives. */
/** README anywhere in the name (WikiRef ships ORIGINAL-README.txt); licences and the like by prefix. */
const SKIPPED_NAME = /(^|[-_. ])readme([-_. ]|$)|^(licen[cs]e|copying|changelog)([-_. ]|$)|^labels\.tsv$/i;
const SKIPPED_EXTENSIONS = new Set(
  (".md .markdown .rst .tsv .csv .png .jpg .jpeg .gif .webp .svg .ico .pdf .zip .gz .tgz .bz2 .xz .7z .tar " +
    ".exe .dll .so .dylib .bin .db .sqlite .sqlite3 .mp3 .mp4 .mov .wav .woff .woff2 .ttf .class .o .pyc").split(" "),
);

/** SQLite's companions of a database file (news.db-wal), e.g. newsbot's own database in the folder. */
const DATABASE_COMPANION = /-(wal|shm|journal)$/i;

function isArticleFileName(name: string): boolean {
  return (
    !name.startsWith(".") &&
    !name.endsWith("~") &&
    !SKIPPED_NAME.test(name) &&
    !DATABASE_COMPANION.test(name) &&
    !SKIPPED_EXTENSIONS.has(extname(name).toLowerCase())
  );
}

/** One sentence for a failed file-system call, with the fix where there is one. */
export function fsReason(error: unknown, what: "File" | "Folder" | "Path"): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT" || code === "ENOTDIR") return `${what} does not exist; check the path.`;
  if (code === "EACCES" || code === "EPERM") return `${what} cannot be read: permission denied; make it readable or run newsbot as a user who can read it.`;
  if (code === "ELOOP") return `${what} is a symbolic link that loops back on itself.`;
  const message = error instanceof Error ? error.message : String(error);
  return `${what} cannot be read (${message}).`;
}

export async function readArticleFile(path: string, defaults: IngestDefaults = {}): Promise<FileArticles> {
  const refuse = (reason: string): FileArticles => ({ path, format: formatHint(path), articles: [], rejected: [{ path, reason }] });
  let handle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    return refuse(fsReason(error, "File"));
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return refuse("Is a folder, not a file; pass it to listArticleFiles to read the files inside.");
    if (!info.isFile()) return refuse("Is not a regular file (a device, pipe or socket).");
    // Checked before reading, so a huge file costs a stat, not its size in memory.
    if (info.size > MAX_ARTICLE_FILE_BYTES) return refuse(tooLargeReason(info.size));
    return parseArticleFile(await handle.readFile(), path, defaults);
  } catch (error) {
    return refuse(fsReason(error, "File"));
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Why a symbolic link met inside a folder is passed over. */
export const SKIPPED_SYMLINK = "Symbolic link inside a folder, not followed; name it on the command line to read what it points to.";

export interface ArticleFiles {
  files: string[];
  /** Passed over on purpose (symbolic links inside folders): said, but not an error. */
  skipped: Rejection[];
  rejected: Rejection[];
}

/**
 * Expands the paths given into article files. A path given is read as given, even a symbolic link;
 * inside a folder, symbolic links are never followed (to files or folders), so a folder cannot
 * lead the walk anywhere outside itself (a link to /etc/passwd, a link to ..), and cannot loop.
 */
export async function listArticleFiles(paths: string[]): Promise<ArticleFiles> {
  const files: string[] = [];
  const skipped: Rejection[] = [];
  const rejected: Rejection[] = [];
  const seenFiles = new Set<string>();
  const seenFolders = new Set<string>();

  const addFile = async (path: string) => {
    const real = await realpath(path).catch(() => path);
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push(path);
  };

  const walk = async (folder: string): Promise<void> => {
    const real = await realpath(folder).catch(() => folder);
    if (seenFolders.has(real)) return; // given twice, or inside another folder given
    seenFolders.add(real);
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      rejected.push({ path: folder, reason: fsReason(error, "Folder") });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const path = join(folder, entry.name);
      if (entry.isSymbolicLink()) skipped.push({ path, reason: SKIPPED_SYMLINK });
      else if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && isArticleFileName(entry.name)) await addFile(path);
    }
  };

  for (const path of paths) {
    let info: Stats;
    try {
      info = await stat(path);
    } catch (error) {
      rejected.push({ path, reason: fsReason(error, "Path") });
      continue;
    }
    if (info.isDirectory()) {
      const before = files.length;
      await walk(path);
      if (files.length === before && ![...rejected, ...skipped].some((r) => r.path.startsWith(path))) {
        rejected.push({ path, reason: "Folder contains no article files (hidden files, README, LICENSE, *.md and labels.tsv are skipped)." });
      }
    } else if (info.isFile()) await addFile(path); // named explicitly, so read even if its name looks skippable
    else rejected.push({ path, reason: `${basename(path)} is not a regular file or folder.` });
  }
  return { files, skipped, rejected };
}

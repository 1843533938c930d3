import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { OgCard } from './card';
import { buildCardTree, renderTree, type CardNode } from './render';

/**
 * Bump when the picture changes without the card tree changing (resvg options, a font file swapped under
 * the same package version). Changes to layout, colours, sizes or text change the tree, and so the key,
 * by themselves.
 */
export const TEMPLATE_VERSION = 1;

const require = createRequire(import.meta.url);
let rendererVersions: string | undefined;

/**
 * The cache key of a card: a hash of everything that decides its pixels. That is the laid-out tree (every
 * line of text after wrapping, the section, the locale's font order, each colour and size), the template
 * version, and the versions of the renderer and fonts. Equal keys, equal PNGs.
 */
export function cardKey(tree: CardNode): string {
  rendererVersions ??= ['satori', '@resvg/resvg-js', '@fontsource/noto-sans-sc', 'harfbuzzjs']
    .map((name) => `${name}@${(require(`${name}/package.json`) as { version: string }).version}`)
    .join(' ');
  return createHash('sha256')
    .update(JSON.stringify({ template: TEMPLATE_VERSION, renderer: rendererVersions, tree }))
    .digest('hex')
    .slice(0, 32);
}

/** Where cards are kept between builds: `.cache/og/` in the project (git-ignored), or `$OG_CACHE_DIR`. */
export const defaultCacheDir = () => process.env.OG_CACHE_DIR || join(process.cwd(), '.cache', 'og');

export interface CardStoreStats {
  /** Cards read from the cache directory. */
  hits: number;
  /** Cards rendered (and written to the cache). */
  misses: number;
}

/**
 * The PNGs of a build's cards, by key, from a cache directory shared by every build. A miss is rendered
 * at most `concurrency` at a time (satori's layout on this thread, resvg's rasterising on libuv's pool);
 * the same card asked for twice is drawn once.
 */
export class CardStore {
  readonly stats: CardStoreStats = { hits: 0, misses: 0 };
  /** Card file paths by key, once the file is in the cache directory; a build holds no PNGs in memory. */
  private readonly files = new Map<string, Promise<string>>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly dir: string = defaultCacheDir(),
    readonly concurrency: number = availableParallelism(),
  ) {}

  /** The card's PNG: from the cache directory when it is there, else rendered and stored. */
  async png(card: OgCard): Promise<Buffer> {
    return readFile(await this.file(card));
  }

  /** Every card's PNG, misses rendered in parallel. */
  async pngs(cards: OgCard[]): Promise<Buffer[]> {
    return Promise.all(cards.map((card) => this.png(card)));
  }

  /** Makes sure every card is in the cache directory, rendering the misses in parallel. */
  async prepare(cards: OgCard[]): Promise<void> {
    await Promise.all(cards.map((card) => this.file(card)));
  }

  /**
   * Deletes cached cards no build has used for `maxAgeDays` (a hit refreshes a file's time), so the directory
   * holds about the cards of the recent builds rather than every card ever drawn.
   */
  prune(maxAgeDays = 30): number {
    const cutoff = Date.now() - maxAgeDays * 86_400_000;
    let removed = 0;
    for (const name of safeReaddir(this.dir)) {
      const path = join(this.dir, name);
      if (statSync(path).mtimeMs < cutoff) {
        rmSync(path, { force: true });
        removed++;
      }
    }
    return removed;
  }

  /** A card's file by its fields: prepare() lays out every card, then each card's route asks again. */
  private readonly byCard = new Map<string, Promise<string>>();

  private file(card: OgCard): Promise<string> {
    // Laying a card out (text shaping to wrap its lines) was ~8 ms of every page's build time, done twice.
    const id = JSON.stringify(card);
    let file = this.byCard.get(id);
    if (!file) {
      file = this.fileOf(card);
      this.byCard.set(id, file);
    }
    return file;
  }

  private async fileOf(card: OgCard): Promise<string> {
    const tree = await buildCardTree(card);
    const key = cardKey(tree);
    let file = this.files.get(key);
    if (!file) {
      file = this.ensure(join(this.dir, `${key}.png`), tree, card.title);
      this.files.set(key, file);
    }
    return file;
  }

  private async ensure(path: string, tree: CardNode, label: string): Promise<string> {
    if (existsSync(path)) {
      const now = new Date();
      utimesSync(path, now, now);
      this.stats.hits++;
      return path;
    }
    await this.slot();
    try {
      const png = await renderTree(tree, label);
      mkdirSync(this.dir, { recursive: true });
      // Written under a temporary name and renamed, so a build running alongside never reads half a file.
      const partial = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
      writeFileSync(partial, png);
      renameSync(partial, path);
      this.stats.misses++;
      return path;
    } finally {
      this.release();
    }
  }

  private slot(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release() {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

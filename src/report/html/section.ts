import type { RenderContext } from './context.js';
import type { SectionId } from './report-types.js';

/** One rendered section of the page: its anchor, heading and body HTML. */
export interface Section {
  readonly id: SectionId;
  readonly title: string;
  readonly body: string;
}

/** Renders one section, or undefined when the report has nothing for it. */
export type SectionRenderer = (ctx: RenderContext) => Section | undefined;

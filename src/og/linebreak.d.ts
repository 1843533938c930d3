// linebreak 1.1 ships no types; this is the part the card measurer uses.
declare module 'linebreak' {
  export default class LineBreaker {
    constructor(text: string);
    /** The next Unicode (UAX #14) line-break opportunity, or null at the end of the text. */
    nextBreak(): { position: number; required: boolean } | null;
  }
}

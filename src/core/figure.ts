/**
 * A figure as data: named series over one x axis. The CLI writes it as CSV and SVG, the docs embed
 * it, and the TUI draws it in the terminal; all from this one description.
 */
export interface FigureSeries {
  label: string;
  x: number[];
  y: number[];
  /** Standard errors (error bars), same length as y. */
  yErr?: number[];
  /** `theory` curves are drawn as lines, `simulation` as markers with error bars. */
  role: 'theory' | 'simulation' | 'reference';
  /**
   * Series showing the same quantity (a theory curve and the simulation it predicts) share a group
   * and so a colour; without groups each series has its own colour.
   */
  group?: string;
}

export interface Figure {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  logX?: boolean;
  logY?: boolean;
  series: FigureSeries[];
  /** One sentence on what the figure must show. */
  caption?: string;
}

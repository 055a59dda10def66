/**
 * A dependency-free SVG line chart with a logarithmic x axis, for the README: the benchmark writes
 * it, people look at it.
 */
export interface Series {
  name: string;
  color: string;
  points: Array<{ x: number; y: number }>;
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  width?: number;
  height?: number;
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function lineChart(options: ChartOptions): string {
  const width = options.width ?? 560;
  const height = options.height ?? 320;
  const margin = { left: 64, right: 40, top: 36, bottom: 48 };
  const all = options.series.flatMap((series) => series.points).filter((point) => point.y > 0 && point.x > 0);
  const logX = (x: number) => Math.log10(x);
  const logY = (y: number) => Math.log10(y);
  const [x0, x1] = [Math.floor(Math.min(...all.map((p) => logX(p.x)))), Math.ceil(Math.max(...all.map((p) => logX(p.x))))];
  const [y0, y1] = [Math.floor(Math.min(...all.map((p) => logY(p.y)))), Math.ceil(Math.max(...all.map((p) => logY(p.y))))];
  const px = (x: number) => margin.left + ((logX(x) - x0) / Math.max(1, x1 - x0)) * (width - margin.left - margin.right);
  const py = (y: number) => height - margin.bottom - ((logY(y) - y0) / Math.max(1, y1 - y0)) * (height - margin.top - margin.bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${escape(options.title)}</text>`,
  ];
  for (let exponent = x0; exponent <= x1; exponent += 1) {
    const x = px(10 ** exponent);
    parts.push(`<line x1="${x}" y1="${margin.top}" x2="${x}" y2="${height - margin.bottom}" stroke="#eee"/>`);
    parts.push(`<text x="${x}" y="${height - margin.bottom + 14}" text-anchor="middle">${(10 ** exponent).toLocaleString("en")}</text>`);
  }
  for (let exponent = y0; exponent <= y1; exponent += 1) {
    const y = py(10 ** exponent);
    parts.push(`<line x1="${margin.left}" y1="${y}" x2="${width - margin.right}" y2="${y}" stroke="#eee"/>`);
    parts.push(`<text x="${margin.left - 6}" y="${y + 4}" text-anchor="end">${formatTick(10 ** exponent)}</text>`);
  }
  parts.push(`<text x="${width / 2}" y="${height - 10}" text-anchor="middle">${escape(options.xLabel)}</text>`);
  parts.push(`<text transform="translate(14 ${height / 2}) rotate(-90)" text-anchor="middle">${escape(options.yLabel)}</text>`);
  options.series.forEach((series, index) => {
    const points = series.points.filter((point) => point.y > 0);
    parts.push(
      `<polyline fill="none" stroke="${series.color}" stroke-width="2" points="${points.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(" ")}"/>`,
    );
    for (const point of points) parts.push(`<circle cx="${px(point.x).toFixed(1)}" cy="${py(point.y).toFixed(1)}" r="3" fill="${series.color}"/>`);
    const legendY = margin.top + 4 + index * 15;
    parts.push(`<rect x="${margin.left + 8}" y="${legendY}" width="10" height="3" fill="${series.color}"/>`);
    parts.push(`<text x="${margin.left + 22}" y="${legendY + 5}">${escape(series.name)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n");
}

function formatTick(value: number): string {
  if (value >= 1000) return `${value / 1000} s`;
  if (value >= 1) return `${value} ms`;
  return `${value * 1000} µs`;
}

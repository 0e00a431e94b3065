// Several devices on one slide, and a device that runs off the canvas edge: three phones fanned,
// a phone in front of a tablet, and the bleed of a single device. Each device is placed by the
// layout's own placer (layout.ts placeDevice), so its screen box, frame and tilt follow the same
// rules as everywhere else; right-to-left locales mirror the arrangement.
import type { Job } from '../plan/types.js';
import type { ModelId } from './devices.js';
import { leaning, type DevicePlacement, type PlaceDevice, type SlideLayout } from './layout.js';
import type { Box } from './types.js';

/** Mirrors a box inside an area (right-to-left arrangements). */
const mirror = (b: Box, area: Box, rtl: boolean): Box =>
  rtl ? { ...b, x: area.x + area.width - (b.x - area.x) - b.width } : b;

/** The tilt each fanned phone gets from the centre one's. */
const FAN_SPREAD = 9;

/**
 * Three phones fanned: the slide's screenshot in front in the middle, second-screenshot on the
 * reading side's start and third-screenshot on its end (each falls back to the first), the side
 * phones smaller, lower and turned outwards. With tilt-direction the whole fan leans that way.
 */
export function fan(job: Job, area: Box, place: PlaceDevice): DevicePlacement[] {
  const d = job.style.device ?? {};
  const dir = d['tilt-direction'];
  // A fan that leans: every phone turned the same way, the spread halved around a base past it.
  const spread = dir ? FAN_SPREAD / 2 : FAN_SPREAD;
  const base = dir ? leaning(Math.max(Math.abs(d.tilt ?? 0), spread + 3), dir) : (d.tilt ?? 0);
  const centreW = area.width * 0.56;
  const centre = place(
    { x: area.x + (area.width - centreW) / 2, y: area.y, width: centreW, height: area.height },
    'primary',
    1,
    {
      tilt: base,
    },
  );
  const w = centre.outer.width * 0.86;
  const h = centre.outer.height * 0.86;
  const y = centre.outer.y + centre.outer.height * 0.09;
  const side = (x: number, which: 'second' | 'third', tilt: number) =>
    place(mirror({ x, y, width: w, height: h }, area, job.rtl), which, 1, { tilt });
  const start = side(area.x, 'second', base - spread);
  const end = side(area.x + area.width - w, 'third', base + spread);
  // Drawn back to front.
  return [start, end, centre];
}

/** The other device of a phone-and-tablet pair: a tablet beside a phone preset, a phone beside a tablet one. */
function otherModel(job: Job): ModelId {
  const tabletPreset = job.device === 'ipad' || job.device === 'android-tablet';
  if (job.store === 'appstore') return tabletPreset ? 'iphone-island' : 'ipad';
  return tabletPreset ? 'android-phone' : 'android-tablet';
}

/**
 * A phone in front of a tablet: the tablet behind on the reading side's start, the phone in
 * front at the end, standing on the same baseline. The preset's own device shows the slide's
 * screenshot; the other one second-screenshot (a screenshot of that device).
 */
export function phoneTablet(job: Job, area: Box, place: PlaceDevice): DevicePlacement[] {
  const tabletPreset = job.device === 'ipad' || job.device === 'android-tablet';
  const other = otherModel(job);
  const tabletBox: Box = { x: area.x, y: area.y, width: area.width * 0.84, height: area.height * 0.9 };
  const phoneBox: Box = {
    x: area.x + area.width * 0.6,
    y: area.y + area.height * 0.3,
    width: area.width * 0.4,
    height: area.height * 0.7,
  };
  const tablet = place(
    mirror(tabletBox, area, job.rtl),
    tabletPreset ? 'primary' : 'second',
    1,
    tabletPreset ? {} : { model: other },
  );
  const phone = place(
    mirror(phoneBox, area, job.rtl),
    tabletPreset ? 'second' : 'primary',
    1,
    tabletPreset ? { model: other } : {},
  );
  // Both stand on the area's bottom edge (fitBox centres each in its box).
  const bottom = area.y + area.height;
  const drop = (p: DevicePlacement): DevicePlacement => {
    const dy = bottom - (p.outer.y + p.outer.height);
    return { ...p, outer: { ...p.outer, y: p.outer.y + dy }, screen: { ...p.screen, y: p.screen.y + dy } };
  };
  return [drop(tablet), drop(phone)];
}

/** How much of a bleeding device stays on the canvas at least: the rest runs off its edge. */
const BLEED_KEEP = 0.78;

/**
 * A single device that runs off the top or bottom edge (style.device.bleed; the edge away from the
 * text when the text sits on the edge asked for): as wide as the area
 * (or wider, up to the canvas less one padding, until a fifth of it is off the edge), its top
 * (bleed bottom) or bottom (bleed top) against the text. The screen box moves with the body, so the
 * screenshot stays placed in it; the part past the edge is simply not on the canvas.
 */
export function bleed(job: Job, layout: SlideLayout, place: PlaceDevice): DevicePlacement[] {
  const asked = job.style.device?.bleed;
  const area = layout.deviceArea;
  const [first] = layout.devices;
  if (!area || !first || layout.devices.length !== 1 || (asked !== 'top' && asked !== 'bottom')) return layout.devices;
  // Never through the text: with the text on the edge asked for, the device runs off the other one.
  const text = layout.textArea;
  const edge = !text ? asked : text.y < area.y ? 'bottom' : 'top';
  const aspect = first.outer.width / first.outer.height;
  const scale = job.style.device?.scale ?? 1;
  const pad = (layout.width - layout.safe.width) / 2;
  const room = edge === 'bottom' ? layout.height - area.y : area.y + area.height;
  const w = Math.min(layout.width - pad, Math.max(area.width, (room / BLEED_KEEP) * aspect)) * scale;
  const h = w / aspect;
  const y = edge === 'bottom' ? area.y : area.y + area.height - h;
  return [place({ x: area.x + (area.width - w) / 2, y, width: w, height: h }, 'primary', 1)];
}

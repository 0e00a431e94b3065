// The whole layout of a slide: layout.ts's (text, one or two devices), completed for the kinds it
// leaves open: several devices (multi-device.ts), content instead of a device (slides.ts), and a
// bleeding device. Render, validate and the tests lay slides out through here.
import type { Job } from '../plan/types.js';
import { layoutWith, setFacts, type LayoutInput, type SlideLayout, type TextMeasurer } from './layout.js';
import { bleed, fan, phoneTablet } from './multi-device.js';
import { contentLayout, contentSizes } from './slides.js';
import type { SetFacts } from './types.js';

export function layoutSlide(input: LayoutInput): SlideLayout {
  const { layout, place } = layoutWith(input);
  const { job } = input;
  const area = layout.deviceArea;
  if (!area || layout.fullBleed) return layout;
  switch (layout.kind) {
    case 'fan':
      layout.devices = fan(job, area, place);
      break;
    case 'phone-tablet':
      layout.devices = phoneTablet(job, area, place);
      break;
    case 'feature-list':
    case 'stats':
    case 'quote':
    case 'before-after': {
      const c = contentLayout({ job, area, tm: input.measurer, facts: input.facts, place });
      layout.blocks.push(...c.blocks);
      layout.devices = c.devices;
      layout.decor = c.decor;
      break;
    }
    default:
      layout.devices = bleed(job, layout, place);
  }
  return layout;
}

/** The set's shared facts: the headline's (layout.ts) and one size per kind of content text (slides.ts). */
export function slideSetFacts(setJobs: Job[], tm: TextMeasurer): SetFacts {
  const facts = setFacts(setJobs, tm);
  const content = contentSizes(setJobs, tm);
  if (content) facts.content = content;
  return facts;
}

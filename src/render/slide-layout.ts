// The whole layout of a slide: layout.ts's (text, one or two devices), completed for the kinds it
// leaves open: several devices (multi-device.ts), content instead of a device (slides.ts), and a
// bleeding device. Render, validate and the tests lay slides out through here.
import type { Job } from '../plan/types.js';
import { layoutWith, setFacts, type LayoutInput, type SlideLayout, type TextMeasurer } from './layout.js';
import { bleed, fan, phoneTablet } from './multi-device.js';
import { contentLayout, contentSizes, ownSizes, type AreaOf } from './slides.js';
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
      // A slide out of the set's one size (lock-type-size: false) fits its content on its own.
      const facts =
        job.style['lock-type-size'] === false
          ? {
              ...input.facts,
              content: ownSizes(job, input.measurer, input.facts, areaFor(input.facts, input.measurer)),
            }
          : input.facts;
      const c = contentLayout({ job, area, tm: input.measurer, facts, place });
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

/** Where a slide's content goes (below or above its headline, at the set's headline facts). */
function areaFor(facts: SetFacts, tm: TextMeasurer): AreaOf {
  return (job) => {
    const { layout, place } = layoutWith({ job, facts, measurer: tm });
    return layout.deviceArea && !layout.fullBleed ? { area: layout.deviceArea, place } : undefined;
  };
}

/** The set's shared facts: the headline's (layout.ts) and one size per kind of content text (slides.ts). */
export function slideSetFacts(setJobs: Job[], tm: TextMeasurer): SetFacts {
  const facts = setFacts(setJobs, tm);
  const content = contentSizes(setJobs, tm, facts, areaFor(facts, tm));
  if (content) facts.content = content;
  return facts;
}

// The two web-screenshot compatibility surfaces in /v1/openapi.json (docs/render-api.md#compatibility-surfaces):
// their paths tagged per surface (`web screenshot API`, `allscreenshots`), with the request and answer
// shapes webshot.ts and allscreenshots.ts send. /v1/bulk is shared: its body and answer are either ours or
// the web screenshot API's (a body with `jobs`). The tests validate the surfaces' answers against this.
const WEBSHOT = 'web screenshot API';
const ALLSHOTS = 'allscreenshots';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ 'application/json': { schema } });
const error = (description: string) => ({ description, content: json(ref('Error')) });
const bytes = (types: string[], description: string) => ({
  description,
  content: Object.fromEntries(types.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
});
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  description:
    'Up to 200 printable ASCII characters, kept STORESHOTS_IDEMPOTENCY_TTL_SECONDS (24 h): the same key and body give the same job (Idempotent-Replayed: true); another body is 422 idempotency_key_reused.',
  schema: { type: 'string', minLength: 1, maxLength: 200 },
};
const jobId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const scheduleId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const errors = {
  '400': error('The request cannot be done as sent (the field is named in param).'),
  '401': error('Missing or invalid API key.'),
  '402': error('Out of credits (the monthly quota).'),
  '404': error('No such job for this key.'),
  '409': error('The job has not completed yet (job_not_ready).'),
  '410': error('The job expired; its results are deleted.'),
  '422': error('Idempotency-Key reused with another body.'),
  '429': error('Rate limited; see Retry-After.'),
};
const pick = (...codes: Array<keyof typeof errors>) => Object.fromEntries(codes.map((c) => [c, errors[c]]));
const dateTime = { type: ['string', 'null'] };

export const webCompatSchemas = {
  WebshotJobRequest: {
    type: 'object',
    description: 'The page is url (fetched) or html (rendered): exactly one of the two.',
    oneOf: [{ required: ['url'] }, { required: ['html'] }],
    properties: {
      type: { enum: ['screenshot', 'pdf'] },
      url: { type: 'string', maxLength: 2048 },
      html: {
        type: 'string',
        minLength: 1,
        description:
          'Raw HTML to render instead of url, at most 5 MB (5,000,000 bytes of UTF-8; above: 400 capture_too_large naming html). Served to the browser at http://storeshots.invalid/; what it loads goes through the address rules (refused requests are in blocked_requests). Not kept after its capture.',
      },
      format: {
        type: 'string',
        description:
          'png, jpeg, webp or pdf; for "type": "pdf" the paper format (Letter, Legal, Tabloid, Ledger, A0-A6).',
      },
      quality: { type: 'integer', minimum: 1, maximum: 100 },
      viewport: {
        type: 'object',
        properties: {
          width: { type: 'integer' },
          height: { type: 'integer' },
          device_scale_factor: { type: 'number', minimum: 1, maximum: 3, description: 'Their name for dpr.' },
        },
        required: ['width', 'height'],
      },
      dpr: { type: 'number', minimum: 1, maximum: 3 },
      device: {
        enum: ['desktop', 'mobile', 'tablet'],
        description: 'A preset that overrides viewport: 1920x1080 at 1x, 390x844 at 2x, 768x1024 at 2x.',
      },
      wait_timeout: {
        type: 'integer',
        minimum: 1000,
        maximum: 30000,
        description: "The capture's time limit in ms (never longer than the server's).",
      },
      delay_ms: { type: 'integer', minimum: 0, maximum: 10000, description: 'Their name for delay.' },
      custom_css: { type: 'string', maxLength: 65536, description: 'A style sheet added after the load.' },
      response_type: {
        enum: ['binary', 'url', 'base64'],
        description:
          'binary (default): the bytes; url: {url, expiresAt} with a signed, key-free link; base64: {data, contentType, size}. For the synchronous answer and GET /v1/jobs/{id}/result.',
      },
      full_page: { type: 'boolean' },
      wait_until: { enum: ['load', 'domcontentloaded', 'networkidle'] },
      wait_for: {
        type: ['string', 'null'],
        description:
          'A strategy ("load", "networkidle", or "selector" with wait_selector), or else a CSS selector to wait for.',
      },
      wait_selector: { type: ['string', 'null'], description: 'Their name for wait_for.' },
      hide_selectors: { type: 'array', maxItems: 50, items: { type: 'string' } },
      dark_mode: { type: 'boolean' },
      block_ads: {
        type: 'boolean',
        description:
          "Block ads with the server's filter lists (STORESHOTS_FILTER_LISTS); without lists, 400 ad_blocking_unavailable.",
      },
      block_cookie_banners: {
        type: 'boolean',
        description: "Opt out of (or hide) cookie-consent banners with DuckDuckGo's autoconsent rules.",
      },
      delay: { type: 'integer', minimum: 0, maximum: 10000 },
      async_mode: { type: 'boolean' },
      print_background: { type: 'boolean' },
      landscape: { type: 'boolean' },
      clip: {
        type: 'object',
        description:
          'A rectangle of the page in CSS pixels: the image is only that (x dpr). Relative to the viewport, or to the whole page with full_page; it must lie inside it (400 clip_outside_page naming the field).',
        required: ['x', 'y', 'width', 'height'],
        properties: {
          x: { type: 'integer', minimum: 0 },
          y: { type: 'integer', minimum: 0 },
          width: { type: 'integer', minimum: 1, maximum: 7680 },
          height: { type: 'integer', minimum: 1, maximum: 7680 },
        },
      },
    },
  },
  WebshotAccepted: {
    type: 'object',
    required: ['job_id', 'status', 'poll_url'],
    properties: { job_id: { type: 'string' }, status: { const: 'queued' }, poll_url: { type: 'string' } },
  },
  WebshotJob: {
    type: 'object',
    required: ['job_id', 'status', 'result_url', 'expires_at'],
    properties: {
      job_id: { type: 'string' },
      status: { enum: ['queued', 'processing', 'completed', 'failed'] },
      url: { type: ['string', 'null'] },
      created_at: dateTime,
      completed_at: dateTime,
      result_url: { type: ['string', 'null'] },
      expires_at: dateTime,
      error_code: { type: 'string' },
      error_message: { type: 'string' },
      blocked_requests: {
        type: 'array',
        items: {
          type: 'object',
          required: ['url', 'reason'],
          properties: { url: { type: 'string' }, reason: { type: 'string' } },
        },
      },
    },
    additionalProperties: false,
  },
  WebshotBulkAnswer: {
    type: 'object',
    required: ['submitted', 'failed', 'credits_used', 'credits_remaining', 'jobs'],
    properties: {
      submitted: { type: 'integer' },
      failed: { type: 'integer' },
      credits_used: { type: 'integer' },
      credits_remaining: { type: ['integer', 'null'] },
      jobs: {
        type: 'array',
        items: {
          oneOf: [
            {
              type: 'object',
              required: ['index', 'job_id', 'status', 'poll_url'],
              properties: {
                index: { type: 'integer' },
                job_id: { type: 'string' },
                status: { const: 'queued' },
                poll_url: { type: 'string' },
              },
              additionalProperties: false,
            },
            {
              type: 'object',
              required: ['index', 'error_code', 'error_message'],
              properties: {
                index: { type: 'integer' },
                error_code: { type: 'string', pattern: '^[A-Z_]+$' },
                error_message: { type: 'string' },
              },
              additionalProperties: false,
            },
          ],
        },
      },
    },
    additionalProperties: false,
  },
  AllscreenshotsRequest: {
    type: 'object',
    required: ['url'],
    properties: {
      url: { type: 'string', maxLength: 2048 },
      format: { enum: ['png', 'jpeg', 'jpg'] },
      quality: { type: 'integer', minimum: 1, maximum: 100 },
      fullPage: { type: 'boolean' },
      selector: {
        type: 'string',
        maxLength: 500,
        description:
          'A CSS selector: the image is the first visible element it matches (its box), not the viewport; waited for at most 5 s after the page loaded (400 selector_not_found, selector_invalid).',
      },
      viewport: {
        type: 'object',
        properties: {
          width: { type: 'integer' },
          height: { type: 'integer' },
          deviceScaleFactor: { type: 'number' },
        },
      },
      waitUntil: { enum: ['load', 'domcontentloaded', 'networkidle'] },
      waitFor: { type: 'string' },
      delay: { type: 'integer', minimum: 0, maximum: 10000 },
      device: { type: ['string', 'null'], description: 'A device preset of Playwright\'s table (e.g. "iPhone 13").' },
      darkMode: { type: 'boolean' },
      customCss: { type: ['string', 'null'], maxLength: 65536 },
      hideSelectors: { type: 'array', maxItems: 50, items: { type: 'string' } },
      blockAds: {
        type: 'boolean',
        description:
          "Block ads with the server's filter lists (STORESHOTS_FILTER_LISTS); without lists, 400 ad_blocking_unavailable.",
      },
      blockCookieBanners: {
        type: 'boolean',
        description: "Opt out of (or hide) cookie-consent banners with DuckDuckGo's autoconsent rules.",
      },
      blockLevel: {
        enum: ['none', 'light', 'normal', 'pro', 'pro_plus', 'ultimate'],
        description:
          "light: the filter lists' network filters; normal: also their cosmetic filters; pro, pro_plus, ultimate: also cookie banners (docs/render-api.md#ad-and-cookie-banner-blocking).",
      },
      responseType: { enum: ['binary', 'url', 'base64'] },
      webhookUrl: { type: 'string' },
      webhookSecret: { type: 'string' },
      outputs: {
        description:
          "Multi-output extraction: several outputs from one load of the page, each with its own result (`/result/{id}`). Each entry takes its own type's options only.",
        type: 'array',
        minItems: 1,
        maxItems: 10,
        items: {
          oneOf: [
            {
              type: 'object',
              required: ['type'],
              properties: {
                type: { const: 'screenshot' },
                id: { type: 'string' },
                format: { enum: ['png', 'jpeg', 'jpg', 'webp'] },
                quality: { type: 'integer', minimum: 1, maximum: 100 },
                fullPage: { type: 'boolean' },
                selector: {
                  type: 'string',
                  maxLength: 500,
                  description:
                    "This output's element (default: the request's selector); every screenshot output of a job captures the same one.",
                },
              },
              additionalProperties: false,
            },
            {
              type: 'object',
              required: ['type'],
              description: 'The page printed by Chromium (one a job).',
              properties: {
                type: { const: 'pdf' },
                id: { type: 'string' },
                printBackground: { type: 'boolean', default: true },
                format: { enum: ['Letter', 'Legal', 'Tabloid', 'Ledger', 'A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6'] },
                landscape: { type: 'boolean' },
              },
              additionalProperties: false,
            },
            {
              type: 'object',
              required: ['type'],
              description: 'The HTML of the rendered page (text/html).',
              properties: { type: { const: 'html' }, id: { type: 'string' } },
              additionalProperties: false,
            },
            {
              type: 'object',
              required: ['type'],
              description: 'The page (or its main content) as Markdown (text/markdown).',
              properties: { type: { const: 'markdown' }, id: { type: 'string' }, mainContentOnly: { type: 'boolean' } },
              additionalProperties: false,
            },
            {
              type: 'object',
              required: ['type', 'schema'],
              description:
                'Values picked by CSS selectors (application/json): {"<field>": value}, a value a string or null, a list with multiple.',
              properties: {
                type: { const: 'json' },
                id: { type: 'string' },
                schema: {
                  type: 'object',
                  additionalProperties: {
                    type: 'object',
                    required: ['selector'],
                    properties: {
                      selector: { type: 'string' },
                      type: { enum: ['text', 'html', 'attribute'], default: 'text' },
                      attribute: { type: 'string' },
                      multiple: { type: 'boolean', default: false },
                    },
                    additionalProperties: false,
                  },
                },
              },
              additionalProperties: false,
            },
          ],
        },
      },
    },
  },
  AllscreenshotsAccepted: {
    type: 'object',
    required: ['id', 'status', 'statusUrl', 'createdAt'],
    properties: {
      id: { type: 'string' },
      status: { const: 'QUEUED' },
      statusUrl: { type: 'string' },
      createdAt: { type: 'string' },
    },
    additionalProperties: false,
  },
  AllscreenshotsBulkRequest: {
    type: 'object',
    required: ['urls'],
    properties: {
      urls: {
        type: 'array',
        minItems: 1,
        maxItems: 100,
        items: {
          type: 'object',
          required: ['url'],
          properties: {
            url: { type: 'string' },
            options: {
              type: 'object',
              description:
                'The fields of an async request (viewport, device, format, fullPage, selector, quality, waitUntil, waitFor, delay, darkMode, customCss, hideSelectors, blockAds, blockCookieBanners, blockLevel) for this URL, over defaults.',
            },
          },
        },
      },
      defaults: { type: 'object', description: 'The same fields, for every URL.' },
      webhookUrl: {
        type: 'string',
        description: "Each URL's job is delivered there when it ends (allscreenshots' job webhook).",
      },
      webhookSecret: { type: 'string' },
    },
  },
  AllscreenshotsBulkSummary: {
    type: 'object',
    required: ['id', 'status', 'totalJobs', 'completedJobs', 'failedJobs', 'progress', 'createdAt'],
    properties: {
      id: { type: 'string' },
      status: { enum: ['QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED'] },
      totalJobs: { type: 'integer' },
      completedJobs: { type: 'integer' },
      failedJobs: { type: 'integer' },
      progress: { type: 'integer', minimum: 0, maximum: 100 },
      createdAt: { type: 'string' },
      completedAt: { type: 'string' },
      jobs: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'url', 'status'],
          properties: {
            id: { type: 'string' },
            url: { type: 'string' },
            status: { enum: ['QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED'] },
            resultUrl: { type: 'string' },
            storageUrl: { type: 'string' },
            format: { enum: ['PNG', 'JPEG', 'MULTI'] },
            width: { type: 'integer' },
            height: { type: 'integer' },
            fileSize: { type: 'integer' },
            renderTimeMs: { type: ['integer', 'null'] },
            errorCode: { type: 'string' },
            errorMessage: { type: 'string' },
            createdAt: { type: 'string' },
            completedAt: { type: 'string' },
          },
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  },
  AllscreenshotsQuotaDetail: {
    type: 'object',
    required: ['limit', 'used', 'remaining', 'percentUsed'],
    description:
      'Screenshots (images) this month against STORESHOTS_MONTHLY_QUOTA; limit, remaining and percentUsed are null without a quota.',
    properties: {
      limit: { type: ['integer', 'null'] },
      used: { type: 'integer' },
      remaining: { type: ['integer', 'null'] },
      percentUsed: { type: ['integer', 'null'], minimum: 0, maximum: 100 },
    },
    additionalProperties: false,
  },
  AllscreenshotsPeriod: {
    type: 'object',
    required: ['periodStart', 'periodEnd', 'screenshotsCount'],
    properties: {
      periodStart: { type: 'string' },
      periodEnd: { type: 'string' },
      screenshotsCount: { type: 'integer' },
    },
    additionalProperties: false,
  },
  AllscreenshotsJob: {
    type: 'object',
    required: ['id', 'status', 'createdAt'],
    properties: {
      id: { type: 'string' },
      status: { enum: ['QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED'] },
      url: { type: ['string', 'null'] },
      errorCode: { type: 'string' },
      errorMessage: { type: 'string' },
      resultUrl: { type: 'string' },
      storageUrl: { type: ['string', 'null'] },
      createdAt: dateTime,
      startedAt: dateTime,
      completedAt: dateTime,
      expiresAt: dateTime,
      metadata: {
        type: 'object',
        required: ['width', 'height', 'format', 'size'],
        properties: {
          width: { type: 'integer' },
          height: { type: 'integer' },
          format: { enum: ['PNG', 'JPEG', 'MULTI'] },
          size: { type: 'integer' },
        },
      },
      outputs: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          required: ['type', 'contentType', 'size', 'resultUrl', 'storageUrl'],
          properties: {
            type: { enum: ['screenshot', 'pdf', 'html', 'markdown', 'json'] },
            contentType: {
              enum: [
                'image/png',
                'image/jpeg',
                'image/webp',
                'application/pdf',
                'text/html; charset=utf-8',
                'text/markdown; charset=utf-8',
                'application/json; charset=utf-8',
              ],
            },
            size: { type: 'integer' },
            width: { type: 'integer' },
            height: { type: 'integer' },
            resultUrl: { type: 'string' },
            storageUrl: { type: ['string', 'null'] },
          },
        },
      },
      blockedRequests: { type: 'array', items: { type: 'object' } },
    },
    additionalProperties: false,
  },
  AllscreenshotsResult: {
    description:
      "The result as the job's responseType (allscreenshots) or response_type (web screenshot API) asked: a signed link (url), or base64 (data).",
    oneOf: [
      {
        type: 'object',
        required: ['url', 'expiresAt'],
        properties: { url: { type: ['string', 'null'] }, expiresAt: dateTime },
        additionalProperties: false,
      },
      {
        type: 'object',
        required: ['data', 'contentType', 'size'],
        properties: { data: { type: 'string' }, contentType: { type: 'string' }, size: { type: 'integer' } },
        additionalProperties: false,
      },
    ],
  },
  AllscreenshotsScheduleRequest: {
    description:
      'A schedule (POST: name, url and schedule required; PUT: every field optional, the ones given replace the stored ones).',
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 255 },
      url: { type: 'string' },
      schedule: {
        type: 'string',
        description:
          'Cron: 5 fields, 6 with seconds first, or @hourly, @daily, @weekly, @monthly, @yearly; no two runs closer than STORESHOTS_SCHEDULE_MIN_INTERVAL_SECONDS.',
      },
      timezone: { type: 'string', description: 'IANA time zone the expression is read in (default UTC).' },
      options: {
        type: 'object',
        description:
          'The fields of an async request (viewport, device, format, fullPage, quality, waitUntil, waitFor, delay, darkMode, customCss, hideSelectors, blockAds, blockCookieBanners, blockLevel) for each run.',
      },
      webhookUrl: { type: ['string', 'null'] },
      webhookSecret: { type: ['string', 'null'] },
      retentionDays: { type: 'integer', minimum: 1, maximum: 365 },
      startsAt: dateTime,
      endsAt: dateTime,
      autoPauseAfterFailures: {
        type: ['integer', 'null'],
        minimum: 1,
        maximum: 100,
        description: 'Pause the schedule after this many failed runs in a row (null: never).',
      },
      onlyOnChange: {
        type: ['boolean', 'null'],
        description: "Send a run's result only when its image changed beyond diffThreshold versus the previous run's.",
      },
      diffThreshold: {
        type: ['number', 'null'],
        minimum: 0,
        maximum: 1,
        description: 'The share of pixels that must differ for a run to count as changed (default 0: any pixel).',
      },
      alertOnFailure: {
        type: ['boolean', 'null'],
        description: 'Send SCHEDULE_FAILED to the webhooks when a run fails.',
      },
      destinations: {
        type: ['array', 'null'],
        maxItems: 10,
        description:
          "Webhooks and mail recipients each run is sent to besides webhookUrl; an email destination needs the server's SMTP server (STORESHOTS_SMTP_URL), else it is a 400 destination_unsupported.",
        items: {
          type: 'object',
          required: ['type'],
          properties: {
            id: { type: ['string', 'null'] },
            type: { enum: ['webhook', 'email'] },
            url: { type: 'string', description: 'webhook: where the run is POSTed.' },
            secret: { type: ['string', 'null'], description: 'webhook: the signing secret.' },
            onlyOnChange: { type: ['boolean', 'null'] },
            to: {
              description: 'email: the recipients, one address or a list of up to 50.',
              oneOf: [
                { type: 'string', format: 'email' },
                { type: 'array', minItems: 1, maxItems: 50, items: { type: 'string', format: 'email' } },
              ],
            },
            subject: {
              type: ['string', 'null'],
              minLength: 1,
              maxLength: 255,
              description: 'email: the subject (one line); default: the schedule name and the outcome.',
            },
          },
        },
      },
    },
    additionalProperties: false,
  },
  AllscreenshotsSchedule: {
    type: 'object',
    required: [
      'id',
      'name',
      'url',
      'schedule',
      'scheduleDescription',
      'timezone',
      'status',
      'executionCount',
      'successCount',
      'failureCount',
      'consecutiveFailures',
      'onlyOnChange',
      'alertOnFailure',
      'retentionDays',
      'createdAt',
      'updatedAt',
    ],
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      url: { type: 'string' },
      schedule: { type: 'string' },
      scheduleDescription: { type: 'string' },
      timezone: { type: 'string' },
      status: { enum: ['ACTIVE', 'PAUSED'] },
      options: { type: 'object' },
      webhookUrl: { type: ['string', 'null'] },
      retentionDays: { type: 'integer' },
      startsAt: dateTime,
      endsAt: dateTime,
      lastExecutedAt: dateTime,
      nextExecutionAt: dateTime,
      executionCount: { type: 'integer' },
      successCount: { type: 'integer' },
      failureCount: { type: 'integer' },
      consecutiveFailures: { type: 'integer' },
      autoPauseAfterFailures: { type: ['integer', 'null'] },
      onlyOnChange: { type: 'boolean' },
      diffThreshold: { type: ['number', 'null'] },
      alertOnFailure: { type: 'boolean' },
      destinations: {
        type: ['array', 'null'],
        items: {
          oneOf: [
            {
              type: 'object',
              required: ['id', 'type', 'url'],
              properties: {
                id: { type: 'string' },
                type: { const: 'webhook' },
                url: { type: 'string' },
                onlyOnChange: { type: 'boolean' },
              },
              additionalProperties: false,
            },
            {
              type: 'object',
              required: ['id', 'type', 'to', 'subject'],
              properties: {
                id: { type: 'string' },
                type: { const: 'email' },
                to: { type: 'array', items: { type: 'string' } },
                subject: { type: ['string', 'null'] },
                onlyOnChange: { type: 'boolean' },
              },
              additionalProperties: false,
            },
          ],
        },
      },
      createdAt: { type: 'string' },
      updatedAt: { type: 'string' },
    },
    additionalProperties: false,
  },
  AllscreenshotsScheduleExecution: {
    type: 'object',
    required: ['id', 'executedAt', 'scheduledFor', 'status', 'trigger'],
    properties: {
      id: { type: 'string' },
      executedAt: { type: 'string' },
      scheduledFor: { type: 'string', description: 'The due time the run was for (MANUAL: when it was asked).' },
      trigger: { enum: ['SCHEDULED', 'MANUAL'] },
      status: { enum: ['QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED'] },
      jobId: { type: 'string', description: 'The job it made (GET /v1/screenshots/jobs/{id}).' },
      resultUrl: { type: 'string' },
      storageUrl: { type: ['string', 'null'] },
      fileSize: { type: 'integer' },
      renderTimeMs: { type: 'integer' },
      errorCode: { type: 'string' },
      errorMessage: { type: 'string' },
      expiresAt: dateTime,
      changed: {
        type: 'boolean',
        description: "onlyOnChange: whether the image changed beyond diffThreshold versus the previous run's.",
      },
      diffScore: { type: 'number', description: 'The share of pixels that differed from the previous run (0 to 1).' },
      deliveries: {
        type: 'array',
        items: {
          type: 'object',
          required: ['destinationId', 'type', 'status', 'events'],
          properties: {
            destinationId: { type: 'string' },
            type: { enum: ['webhook', 'email'] },
            url: { type: 'string', description: 'webhook: where it is POSTed.' },
            to: { type: 'array', items: { type: 'string' }, description: 'email: the recipients.' },
            status: { enum: ['QUEUED', 'SKIPPED'] },
            events: {
              type: 'array',
              items: { type: 'string' },
              description: 'What is sent: webhook bodies, or the one mail of the run (its event).',
            },
          },
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  },
  AllscreenshotsWebhook: {
    description:
      'POSTed to webhookUrl when a job ends, signed in X-Allscreenshots-Signature: sha256=<hex HMAC-SHA256(webhookSecret, raw body)>.',
    type: 'object',
    required: ['event', 'timestamp', 'data'],
    properties: {
      event: { enum: ['JOB_COMPLETED', 'JOB_FAILED', 'JOB_CANCELLED'] },
      timestamp: { type: 'string' },
      data: {
        type: 'object',
        required: ['jobId', 'status'],
        properties: {
          jobId: { type: 'string' },
          url: { type: ['string', 'null'] },
          status: { enum: ['COMPLETED', 'FAILED', 'CANCELLED'] },
          resultUrl: { type: 'string' },
          storageUrl: { type: ['string', 'null'] },
          format: { type: 'string' },
          width: { type: 'integer' },
          height: { type: 'integer' },
          fileSize: { type: 'integer' },
          renderTimeMs: { type: ['integer', 'null'] },
          completedAt: dateTime,
          errorCode: { type: 'string' },
          errorMessage: { type: 'string' },
          outputs: { type: 'object' },
        },
      },
    },
  },

  AllscreenshotsComposeRequest: {
    description:
      'Captures mode (captures) or variants mode (url with variants): each page captured as the async path does, all drawn into one image.',
    type: 'object',
    properties: {
      captures: {
        type: 'array',
        minItems: 1,
        maxItems: 20,
        items: {
          type: 'object',
          required: ['url'],
          properties: {
            url: { type: 'string' },
            id: { type: 'string' },
            label: {
              type: 'string',
              description: 'Drawn under (or over) the image when output.labels asks; kept in the result metadata.',
            },
            viewport: ref('AllscreenshotsComposeViewport'),
            fullPage: { type: 'boolean' },
            delay: { type: 'integer', minimum: 0, maximum: 10000 },
            device: { type: ['string', 'null'] },
            darkMode: { type: 'boolean' },
          },
          additionalProperties: false,
        },
      },
      url: { type: 'string' },
      variants: { type: 'array', minItems: 1, maxItems: 20, items: { type: 'object' } },
      defaults: {
        type: 'object',
        description:
          'viewport, format, quality, fullPage, delay, waitFor, waitUntil, timeout (shortens the capture limit), device, darkMode, customCss, hideSelectors, blockAds, blockCookieBanners, blockLevel.',
      },
      output: {
        type: 'object',
        properties: {
          layout: {
            type: 'string',
            description: 'auto (default), grid, horizontal, vertical, masonry, partitioning or mondrian, any case.',
          },
          format: { enum: ['png', 'jpeg', 'jpg', 'webp'] },
          quality: { type: 'integer', minimum: 1, maximum: 100 },
          columns: { type: 'integer', minimum: 1, maximum: 20 },
          spacing: { type: 'integer', minimum: 0, maximum: 500, default: 10 },
          padding: { type: 'integer', minimum: 0, maximum: 1000, default: 0 },
          background: {
            type: 'string',
            default: '#ffffff',
            description:
              '#RRGGBB (or #RRGGBBFF): transparent and see-through colours are a 400, the images have no alpha.',
          },
          alignment: { enum: ['top', 'center', 'bottom'], default: 'center' },
          maxWidth: { type: 'integer', minimum: 64, maximum: 7680 },
          maxHeight: { type: 'integer', minimum: 64, maximum: 7680 },
          thumbnailWidth: { type: 'integer', minimum: 64, maximum: 3840 },
          labels: {
            type: 'object',
            description: "LabelConfig: each capture's label drawn in a strip under (or over) its image.",
            properties: {
              show: { type: 'boolean', default: true },
              position: { enum: ['top', 'bottom'], default: 'bottom' },
              fontSize: { type: 'integer', minimum: 6, maximum: 200, default: 14 },
              fontColor: { type: 'string', default: '#333333' },
              background: { type: 'string', default: '#ffffff' },
              backgroundColor: { type: 'string', description: 'The same as background (their TypeScript SDK).' },
              padding: { type: 'integer', minimum: 0, maximum: 200, default: 8 },
            },
            additionalProperties: false,
          },
          border: {
            type: 'object',
            description: 'BorderConfig: a border inside each card, corners rounded by radius.',
            properties: {
              width: { type: 'integer', minimum: 0, maximum: 100, default: 1 },
              color: { type: 'string', default: '#cccccc' },
              radius: { type: 'integer', minimum: 0, maximum: 1000, default: 0 },
            },
            additionalProperties: false,
          },
          shadow: {
            type: 'object',
            description: 'ShadowConfig: a blurred shadow behind each card, drawn into the spacing and padding.',
            properties: {
              enabled: { type: 'boolean', default: true },
              color: { type: 'string', default: 'rgba(0,0,0,0.2)' },
              blur: { type: 'integer', minimum: 0, maximum: 100, default: 10 },
              offsetX: { type: 'integer', minimum: -100, maximum: 100, default: 0 },
              offsetY: { type: 'integer', minimum: -100, maximum: 100, default: 4 },
            },
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
      async: { type: 'boolean', default: false },
      webhookUrl: { type: ['string', 'null'] },
      webhookSecret: { type: ['string', 'null'] },
    },
    additionalProperties: false,
  },
  AllscreenshotsComposeViewport: {
    type: 'object',
    properties: {
      width: { type: 'integer', minimum: 64, maximum: 3840 },
      height: { type: 'integer', minimum: 64, maximum: 3840 },
      deviceScaleFactor: { type: 'number', minimum: 1, maximum: 3 },
    },
    additionalProperties: false,
  },
  AllscreenshotsComposeResult: {
    description: 'ComposeResponse: the composed image (url and storageUrl: a signed link usable without a key).',
    type: 'object',
    required: ['url', 'expiresAt', 'width', 'height', 'format', 'fileSize', 'renderTimeMs', 'layout', 'metadata'],
    properties: {
      url: { type: ['string', 'null'] },
      storageUrl: { type: ['string', 'null'] },
      expiresAt: dateTime,
      width: { type: 'integer' },
      height: { type: 'integer' },
      format: { enum: ['png', 'jpeg', 'webp'] },
      fileSize: { type: 'integer' },
      renderTimeMs: { type: 'integer' },
      layout: { enum: ['GRID', 'HORIZONTAL', 'VERTICAL', 'MASONRY', 'PARTITIONING', 'MONDRIAN'] },
      metadata: {
        type: 'object',
        required: ['captures', 'totalCaptures'],
        properties: {
          captures: {
            type: 'array',
            items: {
              type: 'object',
              required: ['url', 'width', 'height'],
              properties: {
                id: { type: 'string' },
                url: { type: 'string' },
                label: { type: 'string' },
                width: { type: 'integer' },
                height: { type: 'integer' },
              },
              additionalProperties: false,
            },
          },
          totalCaptures: { type: 'integer' },
        },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  },
  AllscreenshotsComposeJob: {
    description:
      'ComposeJobStatusResponse (the pages are captured when the job is made; progress counts them and the render).',
    type: 'object',
    required: ['jobId', 'status', 'progress', 'totalCaptures', 'completedCaptures', 'createdAt'],
    properties: {
      jobId: { type: 'string' },
      status: { enum: ['QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED'] },
      statusUrl: { type: 'string', description: 'In the 202 answer only.' },
      progress: { type: 'integer', minimum: 0, maximum: 100 },
      totalCaptures: { type: 'integer' },
      completedCaptures: { type: 'integer' },
      result: ref('AllscreenshotsComposeResult'),
      errorCode: { type: 'string' },
      errorMessage: { type: 'string' },
      createdAt: dateTime,
      completedAt: dateTime,
    },
    additionalProperties: false,
  },
  AllscreenshotsComposeSummary: {
    type: 'object',
    required: ['jobId', 'status', 'totalCaptures', 'completedCaptures', 'failedCaptures', 'progress', 'createdAt'],
    properties: {
      jobId: { type: 'string' },
      status: { enum: ['QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED'] },
      totalCaptures: { type: 'integer' },
      completedCaptures: { type: 'integer' },
      failedCaptures: { type: 'integer' },
      progress: { type: 'integer', minimum: 0, maximum: 100 },
      layoutType: { enum: ['GRID', 'HORIZONTAL', 'VERTICAL', 'MASONRY', 'PARTITIONING', 'MONDRIAN'] },
      createdAt: dateTime,
      completedAt: dateTime,
    },
    additionalProperties: false,
  },
  AllscreenshotsComposePreview: {
    type: 'object',
    required: ['layout', 'resolvedLayout', 'canvasWidth', 'canvasHeight', 'placements'],
    properties: {
      layout: { type: 'string' },
      resolvedLayout: { enum: ['GRID', 'HORIZONTAL', 'VERTICAL', 'MASONRY', 'PARTITIONING', 'MONDRIAN'] },
      canvasWidth: { type: 'integer' },
      canvasHeight: { type: 'integer' },
      placements: {
        type: 'array',
        items: {
          type: 'object',
          required: ['index', 'x', 'y', 'width', 'height'],
          properties: {
            index: { type: 'integer' },
            x: { type: 'integer' },
            y: { type: 'integer' },
            width: { type: 'integer' },
            height: { type: 'integer' },
          },
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  },
};

/** What a web screenshot API result can be. */
const WEBSHOT_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'application/pdf'];

/** A web screenshot API result as response_type asks: the bytes, or (url, base64) allscreenshots' JSON shapes. */
const webshotResult = (description: string) => ({
  description,
  content: { ...bytes(WEBSHOT_TYPES, description).content, ...json(ref('AllscreenshotsResult')) },
});

const allshotsResult = {
  description: 'The result as responseType asked: the bytes (binary), or JSON.',
  content: {
    'image/png': { schema: { type: 'string', format: 'binary' } },
    'image/jpeg': { schema: { type: 'string', format: 'binary' } },
    'image/webp': { schema: { type: 'string', format: 'binary' } },
    'application/pdf': { schema: { type: 'string', format: 'binary' } },
    'text/html': { schema: { type: 'string' } },
    'text/markdown': { schema: { type: 'string' } },
    'application/json': {
      schema: {
        description: 'AllscreenshotsResult, or the bytes of a json output (the values its schema picked).',
        anyOf: [ref('AllscreenshotsResult'), { type: 'object', additionalProperties: true }],
      },
    },
  },
};

export const webCompatPaths = {
  '/v1/screenshot': {
    post: {
      tags: [WEBSHOT],
      operationId: 'webshotScreenshot',
      summary: 'Capture a page (async_mode: a job to poll)',
      parameters: [idempotencyKey],
      requestBody: { required: true, content: json(ref('WebshotJobRequest')) },
      responses: {
        '200': webshotResult('Without async_mode: the result, as response_type asks.'),
        '202': { description: 'async_mode: the job.', content: json(ref('WebshotAccepted')) },
        ...pick('400', '401', '402', '422', '429'),
      },
    },
  },
  '/v1/jobs/{id}': {
    get: {
      tags: [WEBSHOT],
      operationId: 'webshotJob',
      parameters: [jobId],
      responses: {
        '200': { description: 'The job.', content: json(ref('WebshotJob')) },
        ...pick('401', '404', '410', '429'),
      },
    },
  },
  '/v1/jobs/{id}/result': {
    get: {
      tags: [WEBSHOT],
      operationId: 'webshotResult',
      parameters: [jobId],
      responses: {
        '200': webshotResult("The result, as the job's response_type asks."),
        ...pick('401', '404', '409', '410', '429'),
      },
    },
  },
  '/v1/files/renders/{id}/result': {
    get: {
      tags: [WEBSHOT],
      operationId: 'webshotResultByLink',
      summary: 'A job\'s result through its signed link (response_type "url"): no key',
      security: [],
      parameters: [
        jobId,
        { name: 'expires', in: 'query', required: true, schema: { type: 'integer' }, description: 'Unix time.' },
        { name: 'signature', in: 'query', required: true, schema: { type: 'string' } },
      ],
      responses: {
        '200': bytes(WEBSHOT_TYPES, 'The result bytes.'),
        '400': error('expires or signature missing.'),
        '403': error('link_invalid, link_expired, or link_revoked.'),
        ...pick('404', '410', '429'),
      },
    },
  },
  '/v1/screenshots/async': {
    post: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsAsync',
      parameters: [idempotencyKey],
      requestBody: { required: true, content: json(ref('AllscreenshotsRequest')) },
      responses: {
        '202': { description: 'The job.', content: json(ref('AllscreenshotsAccepted')) },
        ...pick('400', '401', '402', '422', '429'),
      },
      callbacks: {
        jobEnded: {
          '{$request.body#/webhookUrl}': {
            post: {
              parameters: [
                {
                  name: 'X-Allscreenshots-Signature',
                  in: 'header',
                  required: true,
                  schema: { type: 'string', pattern: '^sha256=[0-9a-f]{64}$' },
                },
              ],
              requestBody: { content: json(ref('AllscreenshotsWebhook')) },
              responses: { '200': { description: 'Any 2xx ends the delivery.' } },
            },
          },
        },
      },
    },
  },
  '/v1/screenshots': {
    post: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsSync',
      parameters: [idempotencyKey],
      requestBody: { required: true, content: json(ref('AllscreenshotsRequest')) },
      responses: {
        '200': allshotsResult,
        '422': { description: 'The job failed (or Idempotency-Key reused).', content: json({}) },
        ...pick('400', '401', '402', '429'),
      },
    },
  },
  '/v1/screenshots/jobs/{id}': {
    get: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsJob',
      parameters: [jobId],
      responses: {
        '200': { description: 'The job.', content: json(ref('AllscreenshotsJob')) },
        ...pick('401', '404', '410', '429'),
      },
    },
  },
  '/v1/screenshots/jobs': {
    get: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsJobs',
      summary: "The key's allscreenshots jobs, newest first (paging by limit and startingAfter is ours)",
      parameters: [
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 } },
        {
          name: 'startingAfter',
          in: 'query',
          schema: { type: 'string' },
          description: 'A job id of this key: the jobs older than it.',
        },
      ],
      responses: {
        '200': { description: 'The jobs.', content: json({ type: 'array', items: ref('AllscreenshotsJob') }) },
        ...pick('400', '401', '429'),
      },
    },
  },
  '/v1/screenshots/jobs/{id}/cancel': {
    post: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsCancel',
      summary: 'Cancel a queued or running job (CANCELLED); canceling again answers the job',
      parameters: [jobId],
      responses: {
        '200': { description: 'The job, CANCELLED.', content: json(ref('AllscreenshotsJob')) },
        '409': error('The job already completed or failed (render_not_cancelable).'),
        ...pick('401', '404', '410', '429'),
      },
    },
  },
  '/v1/screenshots/bulk': {
    post: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsBulkCreate',
      summary: 'A bulk job: each URL one job made as /v1/screenshots/async makes it, all or none',
      parameters: [idempotencyKey],
      requestBody: { required: true, content: json(ref('AllscreenshotsBulkRequest')) },
      responses: {
        '202': {
          description: 'The bulk job and its jobs (id, url, status).',
          content: json(ref('AllscreenshotsBulkSummary')),
        },
        ...pick('400', '401', '402', '422', '429'),
      },
    },
    get: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsBulkList',
      summary: "The key's bulk jobs, newest first",
      parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 } }],
      responses: {
        '200': {
          description: 'Their summaries.',
          content: json({ type: 'array', items: ref('AllscreenshotsBulkSummary') }),
        },
        ...pick('400', '401', '429'),
      },
    },
  },
  '/v1/screenshots/bulk/{id}': {
    get: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsBulkStatus',
      parameters: [jobId],
      responses: {
        '200': { description: "The bulk job with each URL's job.", content: json(ref('AllscreenshotsBulkSummary')) },
        ...pick('401', '404', '429'),
      },
    },
  },
  '/v1/screenshots/bulk/{id}/cancel': {
    post: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsBulkCancel',
      summary: 'Cancels the jobs of the bulk not yet ended; the others stay as they are',
      parameters: [jobId],
      responses: {
        '200': { description: 'The bulk job summary.', content: json(ref('AllscreenshotsBulkSummary')) },
        ...pick('401', '404', '429'),
      },
    },
  },
  '/v1/schedules': {
    post: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsScheduleCreate',
      summary: 'A schedule: each due time makes one job, as /v1/screenshots/async makes it',
      requestBody: { required: true, content: json(ref('AllscreenshotsScheduleRequest')) },
      responses: {
        '201': { description: 'The schedule.', content: json(ref('AllscreenshotsSchedule')) },
        ...pick('400', '401', '429'),
        '409': error('The key holds STORESHOTS_MAX_SCHEDULES schedules (too_many_schedules).'),
      },
    },
    get: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsScheduleList',
      summary: "The key's schedules, newest first",
      responses: {
        '200': {
          description: 'The schedules and how many the key holds.',
          content: json({
            type: 'object',
            required: ['schedules', 'total'],
            properties: {
              schedules: { type: 'array', items: ref('AllscreenshotsSchedule') },
              total: { type: 'integer' },
            },
            additionalProperties: false,
          }),
        },
        ...pick('401', '429'),
      },
    },
  },
  '/v1/schedules/{id}': {
    get: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsScheduleGet',
      parameters: [scheduleId],
      responses: {
        '200': { description: 'The schedule.', content: json(ref('AllscreenshotsSchedule')) },
        ...pick('401', '404', '429'),
      },
    },
    put: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsScheduleUpdate',
      summary: 'Changes the fields given; the next due time is computed again',
      parameters: [scheduleId],
      requestBody: { required: true, content: json(ref('AllscreenshotsScheduleRequest')) },
      responses: {
        '200': { description: 'The schedule.', content: json(ref('AllscreenshotsSchedule')) },
        ...pick('400', '401', '404', '429'),
      },
    },
    delete: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsScheduleDelete',
      summary: 'Deletes the schedule and its history (the jobs it made stay)',
      parameters: [scheduleId],
      responses: { '204': { description: 'Deleted.' }, ...pick('401', '404', '429') },
    },
  },
  '/v1/schedules/{id}/pause': {
    post: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsSchedulePause',
      parameters: [scheduleId],
      responses: {
        '200': { description: 'The schedule, PAUSED.', content: json(ref('AllscreenshotsSchedule')) },
        ...pick('401', '404', '429'),
      },
    },
  },
  '/v1/schedules/{id}/resume': {
    post: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsScheduleResume',
      summary: 'ACTIVE again; the next due time from now (paused ones are not made up)',
      parameters: [scheduleId],
      responses: {
        '200': { description: 'The schedule, ACTIVE.', content: json(ref('AllscreenshotsSchedule')) },
        ...pick('401', '404', '429'),
      },
    },
  },
  '/v1/schedules/{id}/trigger': {
    post: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsScheduleTrigger',
      summary: 'One run now, outside the due times; answered once its job is made',
      parameters: [scheduleId],
      responses: {
        '200': { description: 'The schedule, with the run counted.', content: json(ref('AllscreenshotsSchedule')) },
        ...pick('400', '401', '402', '404', '429'),
      },
    },
  },
  '/v1/schedules/{id}/history': {
    get: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsScheduleHistory',
      summary: "The schedule's runs, newest first, each with its job's status and result",
      parameters: [
        scheduleId,
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 } },
      ],
      responses: {
        '200': {
          description: 'The runs.',
          content: json({
            type: 'object',
            required: ['scheduleId', 'totalExecutions', 'executions'],
            properties: {
              scheduleId: { type: 'string' },
              totalExecutions: { type: 'integer' },
              executions: { type: 'array', items: ref('AllscreenshotsScheduleExecution') },
            },
            additionalProperties: false,
          }),
        },
        ...pick('400', '401', '404', '429'),
      },
    },
  },
  '/v1/usage/quota': {
    get: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsQuota',
      summary: "This month's screenshots against the monthly quota (no bandwidth: it is not metered)",
      responses: {
        '200': {
          description: 'The quota status.',
          content: json({
            type: 'object',
            required: ['tier', 'screenshots', 'periodEnds'],
            properties: {
              tier: { const: 'SELF_HOSTED' },
              screenshots: ref('AllscreenshotsQuotaDetail'),
              periodEnds: { type: 'string' },
            },
            additionalProperties: false,
          }),
        },
        ...pick('401', '429'),
      },
    },
  },
  '/v1/usage': {
    get: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsUsage',
      summary: 'Screenshots by month (this one and the 11 before it) and the quota',
      responses: {
        '200': {
          description: 'The usage.',
          content: json({
            type: 'object',
            required: ['tier', 'currentPeriod', 'quota', 'history', 'totals'],
            properties: {
              tier: { const: 'SELF_HOSTED' },
              currentPeriod: ref('AllscreenshotsPeriod'),
              quota: {
                type: 'object',
                required: ['screenshots'],
                properties: { screenshots: ref('AllscreenshotsQuotaDetail') },
                additionalProperties: false,
              },
              history: { type: 'array', items: ref('AllscreenshotsPeriod') },
              totals: {
                type: 'object',
                required: ['screenshotsCount'],
                properties: { screenshotsCount: { type: 'integer' } },
                additionalProperties: false,
              },
            },
            additionalProperties: false,
          }),
        },
        ...pick('401', '429'),
      },
    },
  },
  '/v1/screenshots/jobs/{id}/result': {
    get: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsResult',
      parameters: [jobId],
      responses: { '200': allshotsResult, ...pick('401', '404', '409', '410', '429') },
    },
  },
  '/v1/files/renders/{id}/page/{file}': {
    get: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsFileByLink',
      summary: "A pdf, html, markdown, json or WebP output through its signed link (the output's storageUrl): no key",
      security: [],
      parameters: [
        jobId,
        {
          name: 'file',
          in: 'path',
          required: true,
          schema: { type: 'string' },
          description: '<output id>.<pdf|html|md|json>',
        },
        { name: 'expires', in: 'query', required: true, schema: { type: 'integer' }, description: 'Unix time.' },
        { name: 'signature', in: 'query', required: true, schema: { type: 'string' } },
      ],
      responses: {
        '200': bytes(
          ['application/pdf', 'text/html', 'text/markdown', 'application/json', 'image/webp'],
          'The output.',
        ),
        '400': error('expires or signature missing.'),
        '403': error('link_invalid, link_expired, or link_revoked.'),
        ...pick('404', '410', '429'),
      },
    },
  },
  '/v1/screenshots/jobs/{id}/result/{outputId}': {
    get: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsOutput',
      parameters: [jobId, { name: 'outputId', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { '200': allshotsResult, ...pick('401', '404', '409', '410', '429') },
    },
  },

  '/v1/screenshots/compose': {
    post: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsCompose',
      summary: 'Capture several pages (or one page several ways) and draw them into one image',
      parameters: [idempotencyKey],
      requestBody: { required: true, content: json(ref('AllscreenshotsComposeRequest')) },
      responses: {
        '200': {
          description: 'Synchronous: the image, or ComposeResponse as JSON when Accept asks for application/json only.',
          content: {
            'image/png': { schema: { type: 'string', format: 'binary' } },
            'image/jpeg': { schema: { type: 'string', format: 'binary' } },
            'image/webp': { schema: { type: 'string', format: 'binary' } },
            'application/json': { schema: ref('AllscreenshotsComposeResult') },
          },
        },
        '202': { description: 'async: the job (with statusUrl).', content: json(ref('AllscreenshotsComposeJob')) },
        ...pick('400', '401', '402', '422', '429'),
      },
    },
  },
  '/v1/screenshots/compose/jobs/{jobId}': {
    get: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsComposeJob',
      parameters: [{ name: 'jobId', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        '200': { description: 'The compose job.', content: json(ref('AllscreenshotsComposeJob')) },
        ...pick('401', '404', '410', '429'),
      },
    },
  },
  '/v1/screenshots/compose/jobs': {
    get: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsComposeJobs',
      summary: "The key's compose jobs, newest first (the newest 50)",
      responses: {
        '200': {
          description: 'The jobs.',
          content: json({ type: 'array', items: ref('AllscreenshotsComposeSummary') }),
        },
        ...pick('401', '429'),
      },
    },
  },
  '/v1/screenshots/compose/preview': {
    get: {
      tags: [ALLSHOTS],
      operationId: 'allscreenshotsComposePreview',
      summary: 'Where each image would go (the placement the compose job draws with)',
      parameters: [
        { name: 'layout', in: 'query', required: true, schema: { type: 'string' } },
        { name: 'imageCount', in: 'query', required: true, schema: { type: 'integer', minimum: 1, maximum: 20 } },
        { name: 'canvasWidth', in: 'query', schema: { type: 'integer', default: 1200 } },
        { name: 'canvasHeight', in: 'query', schema: { type: 'integer', default: 800 } },
        {
          name: 'aspectRatios',
          in: 'query',
          schema: { type: 'string' },
          description: 'Comma-separated width/height ratios, one an image (the last repeats; default 16:9).',
        },
      ],
      responses: {
        '200': { description: 'The placements.', content: json(ref('AllscreenshotsComposePreview')) },
        ...pick('400', '401', '429'),
      },
    },
  },
};

/** Adds the two surfaces to the document: their paths and schemas, their tags, and the web screenshot API's body on /v1/bulk. */
export function withWebCompat<
  D extends {
    paths: Record<string, unknown>;
    components: { schemas: Record<string, unknown> };
    tags?: Array<{ name: string; description: string }>;
  },
>(doc: D): D {
  Object.assign(doc.components.schemas, webCompatSchemas);
  Object.assign(doc.paths, webCompatPaths);
  doc.tags = [
    ...(doc.tags ?? []),
    {
      name: WEBSHOT,
      description: 'Compatibility surface: the web screenshot API (/v1/screenshot, /v1/bulk with jobs, /v1/jobs).',
    },
    {
      name: ALLSHOTS,
      description:
        'Compatibility surface: allscreenshots (/v1/screenshots/async, /v1/screenshots/jobs, /v1/screenshots/bulk, /v1/screenshots/compose, /v1/schedules).',
    },
  ];
  const bulk = (doc.paths['/v1/bulk'] as { post?: unknown } | undefined)?.post as
    | {
        tags?: string[];
        requestBody: { content: Record<string, { schema: unknown }> };
        responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
      }
    | undefined;
  if (bulk) {
    bulk.tags = [...(bulk.tags ?? []), WEBSHOT];
    const body = bulk.requestBody.content['application/json']!;
    body.schema = {
      anyOf: [
        body.schema,
        {
          type: 'object',
          required: ['jobs'],
          properties: { jobs: { type: 'array', minItems: 1, maxItems: 20, items: ref('WebshotJobRequest') } },
        },
      ],
    };
    const answer = bulk.responses['202']?.content?.['application/json'];
    if (answer) answer.schema = { anyOf: [answer.schema, ref('WebshotBulkAnswer')] };
  }
  return doc;
}

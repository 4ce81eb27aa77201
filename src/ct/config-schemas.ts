// Configuration pieces the CT collectors share.
import { z } from 'zod';
import { normaliseDomain } from './domains.js';

/** A DNS domain to watch, normalised ("Example.ORG." → "example.org"; a leading "*." is dropped). */
export const CtDomain = z.string().transform((value, ctx) => {
  const domain = normaliseDomain(value);
  if (domain === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a DNS domain such as example.org` });
    return z.NEVER;
  }
  return domain;
});

/** An http(s) URL. */
export const HttpUrl = z.string().refine((value) => /^https?:\/\/[^\s/?#]+/i.test(value), 'expected an http:// or https:// URL');

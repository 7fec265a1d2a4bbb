import type { SourceKey } from './sources'
/**
 * Schemas for every figure the deck shows. Data is checked when the deck builds
 * (vite.config.ts) and in the tests, so a bad entry stops the build with a
 * message that names the file, the entry and the field instead of drawing a
 * silently wrong chart.
 */
import { z } from 'zod'

/** The operating systems the deck compares. An unknown name is a typo, not a new OS. */
export const OS_NAMES = [
  'Azure Linux 3.0',
  'Azure Linux 2.0',
  'Ubuntu 22.04',
  'Ubuntu 24.04',
] as const
export const osName = z.enum(OS_NAMES)

/** YYYY-MM-DD or YYYY-MM (some sources give only a month). */
const isoDate = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'must be a date as YYYY-MM-DD or YYYY-MM')
/** A whole day: when a quote or a count was last confirmed. */
const isoDay = z.iso.date({ error: 'must be the day the source was last confirmed, as YYYY-MM-DD' })

/** A Microsoft Learn page moves and changes; a file version in its GitHub repository does not. */
export const PINNED_LEARN_URL = /^https:\/\/github\.com\/MicrosoftDocs\/[\w.-]+\/blob\/[0-9a-f]{40}\/articles\/\S+$/
const isLearn = (s: { publisher: string, url: string }) => s.publisher === 'Microsoft Learn' || /^https:\/\/learn\.microsoft\.com\//.test(s.url)

export const sourceSchema = z.object({
  title: z.string().min(1),
  /** The live page ("live" on the references). */
  url: z.url({ protocol: /^https$/, error: 'must be an https URL' }),
  publisher: z.string().min(1),
  date: isoDate,
  /** What exactly was counted or quoted: the reader must be able to check it. */
  note: z.string().min(1),
  /** The day the quote or number was last confirmed in the source itself. */
  checked: isoDay,
  /** A copy that cannot change under the quote ("as quoted" on the references). */
  pinned: z.url({ protocol: /^https$/, error: 'must be an https URL' }).optional(),
}).superRefine((s, ctx) => {
  if (!isLearn(s))
    return
  if (!s.pinned)
    ctx.addIssue({ code: 'custom', path: ['pinned'], message: 'a Microsoft Learn source needs a commit-pinned GitHub URL of the doc file (https://github.com/MicrosoftDocs/<repo>/blob/<40-hex commit>/articles/...)' })
  else if (!PINNED_LEARN_URL.test(s.pinned))
    ctx.addIssue({ code: 'custom', path: ['pinned'], message: `must be https://github.com/MicrosoftDocs/<repo>/blob/<40-hex commit>/articles/..., not ${s.pinned}` })
})
export type Source = z.infer<typeof sourceSchema>

export const sourceRegistrySchema = z.record(z.string().regex(/^[a-z0-9-]+$/), sourceSchema)

/**
 * Every field that names a source carries this brand in the schema, so the
 * "is every key in the registry" check finds them all by walking the schema
 * (validate.ts) instead of a hand-kept list.
 */
export const SOURCE_KEY = 'sourceKey'
// Typed as the registry's keys, so a typo fails the type check too; the run-time
// check against the registry is in validate.ts.
const sourceKey = z.string().min(1).meta({ [SOURCE_KEY]: true }) as unknown as z.ZodType<SourceKey>

export const imagePackagesSchema = z.object({
  os: osName,
  packages: z.number().int().nonnegative(),
  kernel: z.string().min(1),
  containerd: z.string().min(1),
  file: z.string().min(1),
  source: sourceKey,
})

export const quotedClaimSchema = z.object({
  text: z.string().min(1),
  source: sourceKey,
})

export const distroPartSchema = z.object({
  label: z.string().min(1),
  value: z.number().int().nonnegative(),
  approximate: z.boolean(),
  source: sourceKey,
})

export const CELL_STATUS = ['yes', 'no', 'partial', 'not-applicable', 'not-documented'] as const
export const matrixCellSchema = z.object({
  status: z.enum(CELL_STATUS),
  text: z.string().min(1),
  source: sourceKey.optional(),
}).refine(c => c.status === 'not-documented' || c.status === 'not-applicable' || !!c.source, {
  message: 'a cell that states a fact needs a source',
  path: ['source'],
})

export const MATRIX_COLUMNS = ['Azure Linux', 'Ubuntu', 'Windows Server'] as const
export const matrixRowSchema = z.object({
  feature: z.string().min(1),
  cells: z.tuple([matrixCellSchema, matrixCellSchema, matrixCellSchema]),
})

/** Azure Linux on AKS only: 4.0 is a preview for VMs, not an AKS node OS, so it has no lane. */
export const LANES = ['Azure Linux 2.0', 'Azure Linux 3.0', 'Azure Container Linux', 'Article'] as const
export const timelineEventSchema = z.object({
  date: isoDate,
  lane: z.enum(LANES),
  label: z.string().min(1),
  kubernetes: z.string().optional(),
  source: sourceKey,
})

export const deckDataSchema = z.object({
  imagePackages: z.array(imagePackagesSchema).min(1),
  packageClaims: z.array(quotedClaimSchema),
  distroParts: z.array(distroPartSchema).min(1),
  hostPackages: distroPartSchema,
  securityMatrix: z.array(matrixRowSchema).min(1),
  timeline: z.array(timelineEventSchema).min(1),
})
export type DeckData = z.infer<typeof deckDataSchema>
export type ImagePackages = z.infer<typeof imagePackagesSchema>
export type MatrixRow = z.infer<typeof matrixRowSchema>
export type MatrixCell = z.infer<typeof matrixCellSchema>
export type TimelineEvent = z.infer<typeof timelineEventSchema>
export type DistroPart = z.infer<typeof distroPartSchema>

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

export const sourceSchema = z.object({
  title: z.string().min(1),
  url: z.url({ protocol: /^https$/, error: 'must be an https URL' }),
  publisher: z.string().min(1),
  date: isoDate,
  /** What exactly was counted or quoted: the reader must be able to check it. */
  note: z.string().min(1),
})
export type Source = z.infer<typeof sourceSchema>

export const sourceRegistrySchema = z.record(z.string().regex(/^[a-z0-9-]+$/), sourceSchema)

/** A source key is checked against the registry separately (see validate.ts). */
const sourceKey = z.string().min(1)

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

export const LANES = ['Azure Linux 2.0', 'Azure Linux 3.0', 'Azure Linux 4.0', 'Azure Container Linux', 'Article'] as const
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

/**
 * What a screen reader hears for each page of the tagged slides PDF, as one
 * line: read with pdf.js from the page's structure tree, in its order, each
 * heading, paragraph, list item and table cell as a sentence, and each
 * /Figure by its /Alt (a chart's alt text, not its labels). The handout gives
 * it to the stamped slide as that slide's alt text, so the slide says the
 * same in both PDFs and nothing is typed twice. A page without a structure
 * tree (a slides PDF printed before tagging) gives its plain text.
 */
const BLOCKS = new Set(['H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'P', 'LI', 'TH', 'TD', 'Caption', 'BlockQuote', 'Figure', 'Div', 'Sect'])

interface Node { role?: string, alt?: string, type?: string, id?: string, children?: Node[] }

function sentence(text: string) {
  const t = text.replace(/\s+/g, ' ').trim()
  return !t || /[.!?:;…]$/.test(t) ? t : `${t}.`
}

export async function slideAltTexts(slidesPdf: Uint8Array): Promise<string[]> {
  // Loaded here, not with the pipeline's stages: only the handout reads the slides PDF back (0.7 s).
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs')
  // pdf.js may transfer the buffer it is given: it gets a copy.
  const doc = await getDocument({ data: slidesPdf.slice(), verbosity: 0 }).promise
  try {
    const out: string[] = []
    for (let no = 1; no <= doc.numPages; no++) {
      const page = await doc.getPage(no)
      const content = await page.getTextContent({ includeMarkedContent: true })
      const texts = new Map<string, string>()
      const open: string[] = []
      let plain = ''
      for (const item of content.items as any[]) {
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') {
          open.push(item.id ?? '')
        }
        else if (item.type === 'endMarkedContent') {
          open.pop()
        }
        else if ('str' in item) {
          plain += `${item.str}${item.hasEOL ? ' ' : ''}`
          // A line the layout broke is a space between words. A sequence without an id (Chromium's
          // /Span with /ActualText around a curly apostrophe) belongs to the one around it.
          const id = open.findLast(Boolean)
          if (id)
            texts.set(id, `${texts.get(id) ?? ''}${item.str}${item.hasEOL ? ' ' : ''}`)
        }
      }
      const tree = await page.getStructTree() as Node | null
      if (!tree) {
        out.push(sentence(plain))
        continue
      }
      const sentences: string[] = []
      const text = (node: Node): string => node.type === 'content' ? texts.get(node.id!) ?? '' : (node.children ?? []).map(text).join('')
      // Blocks (and elements holding one) end a sentence; inline elements (Strong, Link, Code) run on.
      // A Figure with alt text stands for all it holds.
      const named = (node: Node) => node.role === 'Figure' && !!node.alt?.trim()
      const blocky = (node: Node): boolean => named(node) || BLOCKS.has(node.role ?? '') || (node.children ?? []).some(blocky)
      const read = (node: Node) => {
        let run = ''
        const flush = () => {
          sentences.push(sentence(run))
          run = ''
        }
        for (const child of node.children ?? []) {
          if (named(child)) {
            flush()
            sentences.push(sentence(child.alt!))
          }
          else if (child.type !== 'content' && blocky(child)) {
            flush()
            read(child)
          }
          else {
            run += text(child)
          }
        }
        flush()
      }
      read(tree)
      out.push(sentences.filter(Boolean).join(' '))
    }
    return out
  }
  finally {
    await doc.destroy()
  }
}

/**
 * Every quote the slides attribute to the article is the article's own words.
 * The article's text lives beside the repository (../shared/seed); a lone
 * clone has none, and the check against it skips with a message.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { markedArticleQuotes, misquotes, unmarkedArticleQuotes } from './helpers/article-quotes'
import { root } from './helpers/root'

const articleFile = join(root, '..', 'shared', 'seed', 'azure-linux-explained.md')
const fixtures = join(root, 'test', 'fixtures', 'article-quotes')
const deckFiles = ['slides.md', ...readdirSync(join(root, 'pages')).filter(f => f.endsWith('.md')).map(f => join('pages', f))]
const read = (file: string) => readFileSync(join(root, file), 'utf8')

describe('quotes of the article on the slides', () => {
  const quotes = deckFiles.flatMap(f => markedArticleQuotes(read(f), f))

  it('are marked, so the check below sees them all', () => {
    expect(quotes.length).toBeGreaterThanOrEqual(7)
    expect(deckFiles.flatMap(f => unmarkedArticleQuotes(read(f), f))).toEqual([])
  })

  if (!existsSync(articleFile))
    console.warn(`Skipped the verbatim check of the article's quotes: ${articleFile} is not here (a lone clone).`)
  it.skipIf(!existsSync(articleFile))('appear word for word in the article (../shared/seed/azure-linux-explained.md)', () => {
    expect(misquotes(quotes, readFileSync(articleFile, 'utf8'))).toEqual([])
  })
})

describe('the quote check, on a fixture', () => {
  const slides = readFileSync(join(fixtures, 'slides.md'), 'utf8')
  const article = readFileSync(join(fixtures, 'article.md'), 'utf8')

  it('catches a dropped or an added word, and passes exact quotes with tags inside', () => {
    const found = misquotes(markedArticleQuotes(slides, 'slides.md'), article)
    expect(found).toEqual([
      { text: 'distinct from existing distributions', where: 'slides.md:8' },
      { text: 'Azure Linux 3 supports Kubernetes 1.31 and above', where: 'slides.md:9' },
    ])
  })

  it('catches a quote attributed to the article without the mark, but not the article\'s title', () => {
    expect(unmarkedArticleQuotes(slides, 'slides.md')).toEqual([
      { text: 'Azure Linux 3 currently supports Kubernetes versions 1.31 and above', where: 'slides.md:13' },
    ])
  })

  it('catches the deck\'s old misquotes against the real article', () => {
    if (!existsSync(articleFile))
      return console.warn(`Skipped: ${articleFile} is not here.`)
    const old = [
      { text: 'built from the ground up, distinct from existing distributions', where: 'old 01-what-it-is.md' },
      { text: 'Azure Linux 3 supports Kubernetes 1.31 and above', where: 'old 04-aks.md' },
    ]
    expect(misquotes(old, readFileSync(articleFile, 'utf8'))).toEqual(old)
  })
})

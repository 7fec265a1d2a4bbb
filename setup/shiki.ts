import { defineShikiSetup } from '@slidev/types'

// High-contrast themes: code comments must pass WCAG AA on a projector too.
export default defineShikiSetup(() => ({
  themes: {
    light: 'github-light-high-contrast',
    dark: 'github-dark-high-contrast',
  },
}))

// Fonts come from npm (fontsource), never from a font CDN: the deck must work offline.
import '@fontsource/inter/400.css'
import '@fontsource/inter/400-italic.css'
import '@fontsource/inter/600.css'
import '@fontsource/inter/600-italic.css'
import '@fontsource/inter/700.css'
// Emphasis inside semibold and bold text: without these Chromium fakes the weight and prints Type 3 glyphs.
import '@fontsource/inter/700-italic.css'
import '@fontsource/fira-code/400.css'
import './tokens.css'
import './deck.css'

import type { VNode } from 'vue'
/**
 * Reading order: the source footnote is drawn at the bottom of the slide
 * (position: absolute), but written in the slide's main slot, above the chart's
 * takeaway or the claim's columns. A screen reader and the tagged PDF follow the
 * DOM, so they read the footnote before the text drawn above it. The layouts
 * render their main slot without it and put it after everything else: the same
 * look, and the DOM order is the visual order.
 */
import { Fragment } from 'vue'
import SourceNote from './SourceNote.vue'

const flat = (nodes: VNode[]): VNode[] => nodes.flatMap(n => n.type === Fragment && Array.isArray(n.children) ? flat(n.children as VNode[]) : [n])

/** The slot's nodes without (`footnotes: false`) or only with (`true`) its `<SourceNote>`s. */
export function SlotPart(props: { nodes?: VNode[], footnotes?: boolean }) {
  return flat(props.nodes ?? []).filter(n => (n.type === SourceNote) === !!props.footnotes)
}
// Boolean, so that a bare `footnotes` attribute is true.
SlotPart.props = { nodes: Array, footnotes: Boolean }

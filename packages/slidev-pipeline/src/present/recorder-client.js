/**
 * `present --record`, the page's half (plain JavaScript, served by the dev
 * server as a virtual module: src/present/recorder.ts). It runs in every page
 * of the deck and records only in the presenter view: when that view opens it
 * asks for the microphone (and the camera), records with MediaRecorder in 2 s
 * chunks, shows "● REC mm:ss" with Pause/Resume and Stop, and posts each chunk
 * and each log entry to the server, which appends them to disk.
 *
 * The log's `t` is media time in ms: the position in recording.webm. It is
 * performance.now() since recorder.start() was called, minus the paused spans
 * (MediaRecorder.pause stops the media timeline). Slide and click changes are
 * read from Slidev's own reactive navigation state (window.__slidev__.nav, set
 * by @slidev/client's setup/root.ts in dev), watched with Vue's `watch`.
 */
import { watch } from 'vue'

const TIMESLICE_MS = 2000
/** How long a slide and click position must hold to be logged (a shorter one is a flicker). */
const HOLD_MS = 150

/** Posts to the server, one request after another per kind (chunks in order, log entries in order). */
function poster(endpoint) {
  const queues = new Map()
  return function post(action, params, body, type = 'application/json') {
    const query = new URLSearchParams(params).toString()
    const send = () => fetch(`${endpoint}/${action}${query ? `?${query}` : ''}`, {
      method: 'POST',
      headers: { 'content-type': type, 'x-slidev-pipeline': 'recorder' },
      body,
    }).then((res) => {
      if (!res.ok)
        throw new Error(`${action}: HTTP ${res.status}`)
      return res.json()
    })
    const queue = action === 'chunk' ? 'chunk' : 'log'
    const next = (queues.get(queue) ?? Promise.resolve()).catch(() => {}).then(send)
    queues.set(queue, next)
    return next
  }
}

function waitForSlidev() {
  return new Promise((resolve) => {
    const look = () => window.__slidev__?.nav ? resolve(window.__slidev__) : setTimeout(look, 50)
    look()
  })
}

/**
 * Resolves when the microphone delivers its first frame (at most 3 s). A device can open before it sends
 * sound (a Bluetooth headset switching profiles, for one), and the speaker should not see REC before sound is
 * recorded. Chromium's MediaStreamTrackProcessor sees the frames; without it, no wait.
 */
async function firstSound(stream) {
  const source = stream.getAudioTracks()[0]
  if (!source || typeof window.MediaStreamTrackProcessor !== 'function')
    return
  const track = source.clone()
  const reader = new window.MediaStreamTrackProcessor({ track }).readable.getReader()
  await Promise.race([reader.read().then(({ value }) => value?.close()), new Promise(resolve => setTimeout(resolve, 3000))])
  reader.cancel().catch(() => {})
  track.stop()
}

/**
 * Calls `onFrame(capturedAt, db)` for every frame the microphone delivers (about 10 ms each): its capture
 * time (AudioData.timestamp, on performance.now()'s clock) and its level in whole dB. Chromium's
 * MediaStreamTrackProcessor, on a clone of the track; without it, nothing. Returns the stop.
 */
function levelMeter(stream, onFrame) {
  const source = stream.getAudioTracks()[0]
  if (!source || typeof window.MediaStreamTrackProcessor !== 'function')
    return () => {}
  const track = source.clone()
  // Up to 10 s of frames wait for a busy main thread before any is dropped.
  const reader = new window.MediaStreamTrackProcessor({ track, maxBufferSize: 1000 }).readable.getReader()
  let samples = new Float32Array(0)
  ;(async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ done: true }))
      if (done || !value)
        return
      const n = value.numberOfFrames
      if (samples.length < n)
        samples = new Float32Array(n)
      value.copyTo(samples, { planeIndex: 0, format: 'f32-planar' })
      let sum = 0
      for (let i = 0; i < n; i++)
        sum += samples[i] * samples[i]
      onFrame(value.timestamp / 1000, Math.max(-100, Math.round(10 * Math.log10(sum / n + 1e-12))))
      value.close()
    }
  })()
  return () => {
    reader.cancel().catch(() => {})
    track.stop()
  }
}

const clock = ms => `${String(Math.floor(ms / 60000)).padStart(2, '0')}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}`

/** The indicator: a shadow root of its own, so neither the deck's styles nor Slidev's reach it. */
function indicator({ onPause, onStop }) {
  const host = document.createElement('div')
  host.id = 'slidev-pipeline-recorder'
  host.style.cssText = 'position:fixed;top:10px;right:10px;z-index:2147483647'
  const root = host.attachShadow({ mode: 'open' })
  root.innerHTML = `<style>
    .bar { display:flex; align-items:center; gap:8px; padding:6px 8px 6px 12px; border-radius:999px;
      background:#1f1f1f; color:#fff; font:600 14px/1 system-ui,sans-serif; box-shadow:0 2px 8px rgba(0,0,0,.35);
      border:1px solid rgba(255,255,255,.25); font-variant-numeric:tabular-nums; }
    .dot { color:#ff3b30; font-size:16px; }
    .paused .dot { color:#ffb020; }
    .done .dot { color:#8e8e93; }
    button { font:600 13px/1 system-ui,sans-serif; color:#fff; background:#3a3a3c; border:1px solid #636366;
      border-radius:999px; padding:5px 10px; cursor:pointer; }
    button:hover { background:#48484a; }
    button.stop { background:#b3261e; border-color:#e5534b; }
    .done button { display:none; }
  </style><div class="bar" role="status" aria-live="polite"><span class="dot">●</span><span class="label">REC</span><span class="time">00:00</span>
  <button class="pause" type="button" tabindex="-1">Pause</button><button class="stop" type="button" tabindex="-1">Stop</button></div>`
  const bar = root.querySelector('.bar')
  const [pause, stop] = root.querySelectorAll('button')
  for (const [button, action] of [[pause, onPause], [stop, onStop]]) {
    // Never focused: a focused button would take the speaker's next Space or Enter from the slides.
    button.addEventListener('mousedown', e => e.preventDefault())
    button.addEventListener('click', (e) => {
      e.preventDefault()
      button.blur()
      action()
    })
  }
  document.body.append(host)
  return {
    show(state, ms, text) {
      bar.classList.toggle('paused', state === 'paused')
      bar.classList.toggle('done', state === 'done' || state === 'error')
      root.querySelector('.label').textContent = { recording: 'REC', paused: 'PAUSED', done: 'SAVED', error: 'NOT RECORDING', starting: 'REC' }[state]
      root.querySelector('.time').textContent = text ?? clock(ms)
      pause.textContent = state === 'paused' ? 'Resume' : 'Pause'
    },
  }
}

async function record(config, slidev, hot) {
  const post = poster(config.endpoint)
  const nav = slidev.nav
  let stream
  try {
    const audio = { echoCancellation: false, noiseSuppression: false, autoGainControl: false }
    stream = await navigator.mediaDevices.getUserMedia({ audio, video: config.camera ? { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } } : false })
  }
  catch (error) {
    const ui = indicator({ onPause() {}, onStop() {} })
    ui.show('error', 0, `${error.name}: ${error.message}`)
    post('error', {}, `${error.name}: ${error.message}`, 'text/plain')
    return
  }
  await firstSound(stream)
  const types = config.camera
    ? ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm']
    : ['audio/webm;codecs=opus', 'audio/webm']
  const mimeType = types.find(t => MediaRecorder.isTypeSupported(t))
  const recorder = new MediaRecorder(stream, { mimeType, audioBitsPerSecond: 128000, ...(config.camera ? { videoBitsPerSecond: 2500000 } : {}) })

  // Media time: since the recorder's start event, less the paused spans.
  let startedAt
  let startEventLag
  let pausedAt
  let pausedTotal = 0
  const mediaTime = (now = performance.now()) => startedAt === undefined ? 0 : Math.max(0, Math.round((pausedAt ?? now) - startedAt - pausedTotal))

  // The server makes the folder; the recorder starts without waiting for its answer (a dev server
  // busy loading the presenter view took 6 s, the voice's first seconds lost while the microphone
  // was already open). Chunks and entries wait for the folder's id, in their order.
  const started = post('start', {}, JSON.stringify({ mimeType: recorder.mimeType || mimeType }))
  const withId = send => started.then(({ id }) => send(id))
  const pending = []
  const log = (entry) => {
    if (startedAt === undefined)
      return pending.push(entry)
    withId(id => post('log', { id }, JSON.stringify([entry]))).catch(() => {})
  }

  let seq = 0
  let state = 'starting'
  let stopping

  // The microphone's level per frame at the media time it was captured (and up to 2 s before t = 0), logged
  // every TIMESLICE_MS as a `levels` entry.
  // The render lines them up with the file's own levels: where the sound sits against this clock is
  // measured, not assumed (src/outputs/recording/levels.ts).
  let levels = { at: [], db: [] }
  const stopMeter = levelMeter(stream, (captured, db) => {
    if (startedAt === undefined || state === 'done' || (pausedAt !== undefined && captured >= pausedAt))
      return
    const at = Math.round(captured - startedAt - pausedTotal)
    if (at >= -2000) {
      levels.at.push(at)
      levels.db.push(db)
    }
  })
  const flushLevels = () => {
    if (!levels.at.length)
      return
    log({ type: 'levels', t: Math.max(0, levels.at[0]), ...levels })
    levels = { at: [], db: [] }
  }
  const levelTimer = setInterval(flushLevels, TIMESLICE_MS)
  recorder.addEventListener('dataavailable', (e) => {
    if (!e.data.size)
      return
    const params = { seq: seq++, t: mediaTime() }
    withId(id => post('chunk', { id, ...params }, e.data, 'application/octet-stream')).catch(() => {})
  })
  // Slide and click: a position is logged once it has held for HOLD_MS, at the media time it began.
  // Slidev's shared state can bounce the presenter view back for a moment (an echo of an older position
  // from the audience's view, docs in the README): a flicker the video should not show. A position held
  // when the recording pauses or stops is logged then, whatever its age, so the log stays in order.
  let last = ''
  let candidate
  let holdTimer
  const flush = () => {
    clearTimeout(holdTimer)
    holdTimer = undefined
    if (!candidate)
      return
    const { key, entry } = candidate
    candidate = undefined
    if (key === last || state === 'done')
      return
    last = key
    log(entry)
  }
  const stopWatching = watch(() => [nav.currentSlideNo, nav.clicks], () => {
    const slide = Number(nav.currentSlideNo)
    const click = Number(nav.clicks)
    const key = `${slide}/${click}`
    if (candidate?.key === key)
      return
    clearTimeout(holdTimer)
    candidate = key === last ? undefined : { key, entry: { type: 'slide', t: mediaTime(), slide, click } }
    if (candidate)
      holdTimer = setTimeout(flush, HOLD_MS)
  }, { flush: 'sync' })

  // t = 0 is when recorder.start() was called: the recording's first sample is the first the microphone
  // delivers after it. The start event comes later (measured: 50-100 ms on a busy machine), and its handler
  // later still. Pause and resume are timed by their events' timeStamp, not by when their handlers ran.
  let startCalledAt
  recorder.addEventListener('start', (e) => {
    startedAt = startCalledAt
    startEventLag = e.timeStamp - startCalledAt
    state = 'recording'
    for (const { type, ...rest } of pending.splice(0))
      log({ type, t: 0, ...rest })
  })
  recorder.addEventListener('pause', (e) => {
    flush()
    pausedAt = e.timeStamp
    state = 'paused'
    log({ type: 'pause', t: mediaTime() })
  })
  recorder.addEventListener('resume', (e) => {
    flush()
    const t = mediaTime()
    pausedTotal += e.timeStamp - pausedAt
    pausedAt = undefined
    state = 'recording'
    log({ type: 'resume', t })
  })

  let ui
  function stop(reason) {
    if (stopping)
      return stopping
    stopping = new Promise((resolve) => {
      stopWatching()
      flush()
      const t = mediaTime()
      recorder.addEventListener('stop', async () => {
        clearInterval(levelTimer)
        flushLevels()
        stopMeter()
        state = 'done'
        stream.getTracks().forEach(track => track.stop())
        try {
          // An empty post after the last chunk (the chunk queue is in order): the stop entry is written once the file is whole.
          await withId(id => post('chunk', { id, seq: -1, t }, new Blob([]), 'application/octet-stream')).catch(() => {})
          await withId(id => post('log', { id }, JSON.stringify([{ type: 'stop', t, reason }])))
        }
        finally {
          ui.show('done', t, `${clock(t)} · saved`)
          resolve()
        }
      }, { once: true })
      recorder.stop()
    })
    return stopping
  }

  ui = indicator({
    onPause() {
      if (recorder.state === 'recording')
        recorder.pause()
      else if (recorder.state === 'paused')
        recorder.resume()
      ui.show(recorder.state === 'paused' ? 'paused' : 'recording', mediaTime())
    },
    onStop() {
      stop('control')
    },
  })
  ui.show('starting', 0)
  const ticker = setInterval(() => {
    if (state === 'done')
      return clearInterval(ticker)
    ui.show(state === 'paused' ? 'paused' : 'recording', mediaTime())
  }, 250)

  hot?.on(config.stopEvent, () => stop('server'))
  // The initial position, at t = 0 (held until the recorder starts).
  log({ type: 'slide', slide: Number(nav.currentSlideNo), click: Number(nav.clicks) })
  last = `${Number(nav.currentSlideNo)}/${Number(nav.clicks)}`
  startCalledAt = performance.now()
  recorder.start(TIMESLICE_MS)
  let id, dir
  try {
    ({ id, dir } = await started)
  }
  catch (error) {
    // No folder: nothing is kept, so say so rather than show REC.
    stopWatching()
    clearInterval(ticker)
    clearInterval(levelTimer)
    stopMeter()
    state = 'done'
    recorder.stop()
    stream.getTracks().forEach(track => track.stop())
    ui.show('error', 0, `${error.name}: ${error.message}`)
    return
  }
  console.info(`[slidev-pipeline] recording to ${dir}`)
  // For tests and the curious: the recorder's state and its clock.
  window.__slidevPipelineRecorder = { id, dir, stream, recorder, mediaTime, startEventLag: () => startEventLag, stop: () => stop('control') }
}

/** Called by the virtual entry module with the server's settings and Vite's HMR context. */
export async function startRecorder(config, hot) {
  // Once a page, should the tag ever be in it twice.
  if (window.__slidevPipelineRecorderLoaded)
    return
  window.__slidevPipelineRecorderLoaded = true
  const slidev = await waitForSlidev()
  let started = false
  watch(() => slidev.nav.isPresenter, (presenter) => {
    if (presenter && !started) {
      started = true
      record(config, slidev, hot)
    }
  }, { immediate: true })
}

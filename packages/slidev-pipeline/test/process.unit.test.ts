/** The one child-process runner (packages/slidev-pipeline/src/support/process.ts): bytes in and out, stderr kept, failures named. */
import { describe, expect, it } from 'vitest'
import { ProcessError, runProcess, runProcessOutput } from '../src/support/process'

describe('runProcess', () => {
  it('feeds stdin from chunks and returns stdout as bytes, stderr as text', async () => {
    const chunks = function* () {
      yield Uint8Array.from([0, 255, 1])
      yield new Uint8Array(200_000).fill(7)
    }
    const { stdout, stderr } = await runProcessOutput('sh', ['-c', 'cat; echo measured >&2'], { input: chunks(), quiet: true })
    expect(stdout.length).toBe(200_003)
    expect([...stdout.subarray(0, 4)]).toEqual([0, 255, 1, 7])
    expect(stderr).toBe('measured\n')
    expect(await runProcess('echo', ['text'], { quiet: true })).toBe('text\n')
  })

  it('names the command and quotes its stderr when it fails', async () => {
    const failing = runProcess('sh', ['-c', 'echo "no such input file" >&2; exit 3'], { quiet: true, label: 'ffmpeg (decoding talk.m4a)' })
    await expect(failing).rejects.toThrow(ProcessError)
    await expect(failing).rejects.toThrow('ffmpeg (decoding talk.m4a) failed with exit code 3:\nno such input file')
    await expect(runProcess('/nonexistent/festival', ['-b'], { quiet: true })).rejects.toThrow(/festival -b could not run \(\/nonexistent\/festival\):\n.*ENOENT/)
  })

  it('reports a child that exits before reading all its input by its exit code', async () => {
    const big = function* () {
      for (let i = 0; i < 100; i++)
        yield new Uint8Array(1 << 16)
    }
    await expect(runProcessOutput('sh', ['-c', 'head -c 10 >/dev/null; echo gave up >&2; exit 1'], { input: big(), quiet: true, label: 'reader' }))
      .rejects
      .toThrow('reader failed with exit code 1:\ngave up')
  })

  it('runs work done ahead at a lower priority, and stops it when it is no longer needed', async () => {
    // Field 19 of /proc/PID/stat is the niceness; the shell reads its own after the runner set it.
    expect((await runProcess('sh', ['-c', 'sleep 0.3; cut -d" " -f19 /proc/$$/stat'], { quiet: true, niceness: 10 })).trim()).toBe('10')
    const ahead = new AbortController()
    const started = performance.now()
    const sleeping = runProcess('sleep', ['10'], { quiet: true, signal: ahead.signal, label: 'festival (speaking ahead)' })
    setTimeout(() => ahead.abort(), 100)
    await expect(sleeping).rejects.toThrow('festival (speaking ahead) was stopped (no longer needed)')
    expect(performance.now() - started).toBeLessThan(5000)
  })
})

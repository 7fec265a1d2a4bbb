/** What every command file does around its one call: print the error's message (not a stack) and set the exit code. */
export async function runCommand(main: () => Promise<unknown>): Promise<void> {
  try {
    await main()
  }
  catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  }
}

/** The one logger of the commands: progress lines on stdout, warnings on stderr (the pipeline's `log` and `warn`). */
export const print = (line: string) => console.log(line)
export const warn = (text: string) => console.warn(text)

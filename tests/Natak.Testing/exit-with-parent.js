// Preloaded (node --require) into the Azurite and s3rver the tests start themselves: ChildProcess keeps this
// process's stdin open as a pipe, and the pipe ends when the test process does, however it ends (a killed test
// host runs no clean-up). Then this process ends too, instead of lingering on its port.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();

// The adapters share process-wide state (the installed role environment, Trace.Listeners): one test at a time.
[assembly: DoNotParallelize]

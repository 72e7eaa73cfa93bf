// Each test uses queues of its own; most of a test's time is spent waiting on Azurite, so tests overlap well.
[assembly: Parallelize(Workers = 4, Scope = ExecutionScope.MethodLevel)]

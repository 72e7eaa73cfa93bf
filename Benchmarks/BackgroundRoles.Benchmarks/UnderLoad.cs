namespace BackgroundRoles.Benchmarks;

/// <summary>What <see cref="LoadedEmulator.UnderLoadAsync{T}"/> saw: every request, the command's start and end (Stopwatch timestamps), and its result.</summary>
internal sealed record UnderLoad<T>(IReadOnlyList<RequestRecorder.Sample> Samples, long Started, long Ended, T Result);

// The classes start multi-silo clusters with failure detection tuned down to seconds; on a
// two-core machine, clusters running side by side would starve each other into false
// suspicions. One class at a time keeps the timings honest.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]

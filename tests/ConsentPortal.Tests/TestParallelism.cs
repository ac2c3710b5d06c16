// The browser tests run one class at a time. Each class starts its own registry, portal and Chromium; on a 2-core
// machine seven of them at once starved the browser, and CI met navigation races that a quiet machine never shows
// (a load event never reported, "not attached to an active page" on going back).
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]

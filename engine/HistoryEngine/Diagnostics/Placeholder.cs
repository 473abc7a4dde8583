namespace HistoryEngine.Diagnostics;

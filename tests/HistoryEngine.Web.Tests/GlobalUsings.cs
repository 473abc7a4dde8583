global using HistoryEngine.Testing;
global using Microsoft.Extensions.Time.Testing;

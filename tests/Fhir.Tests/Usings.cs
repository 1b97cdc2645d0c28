global using Xunit;
// Hl7.Fhir.Model has a Task resource; in tests, Task is always the awaitable one.
global using Task = System.Threading.Tasks.Task;

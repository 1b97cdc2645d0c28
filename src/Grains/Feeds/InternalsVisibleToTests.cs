using System.Runtime.CompilerServices;

// The feeds' ordering and cursor helpers are internal, and tested on their own.
[assembly: InternalsVisibleTo("Ddl.Grains.Tests")]

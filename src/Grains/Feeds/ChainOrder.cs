namespace Ddl.Grains.Feeds;

/// <summary>
/// Where each chain stands at a hub: the last seq dispatched, and the events held back while the
/// ones before them are read from the store. Bounded: the chains seen least recently are
/// forgotten first (never one being filled), and a forgotten chain is checked again when it comes back.
/// Not thread-safe: the hub uses it under its dispatch lock.
/// </summary>
internal sealed class ChainOrder(int capacity)
{
    private readonly Dictionary<string, State> chains = new(StringComparer.Ordinal);
    private readonly Queue<string> arrival = new();

    public sealed class State
    {
        /// <summary>The last seq dispatched; -1 when the chain is not known here.</summary>
        public long Last { get; set; } = -1;

        public bool Known => Last >= 0;

        private SortedDictionary<long, FeedEvent>? held;

        /// <summary>Events waiting for the store to fill the gap before them, by seq (made when first needed: most chains never wait).</summary>
        public SortedDictionary<long, FeedEvent> Held => held ??= [];

        public bool Filling { get; set; }
    }

    public State this[string chain]
    {
        get
        {
            if (chains.TryGetValue(chain, out var state))
            {
                return state;
            }

            state = new State();
            chains[chain] = state;
            arrival.Enqueue(chain);
            Trim();
            return state;
        }
    }

    public void Clear()
    {
        chains.Clear();
        arrival.Clear();
    }

    private void Trim()
    {
        // First in, first out; a chain being filled goes back in the queue rather than lose its held events.
        for (var budget = arrival.Count; chains.Count > capacity && budget > 0 && arrival.TryDequeue(out var oldest); budget--)
        {
            if (chains.TryGetValue(oldest, out var state) && state.Filling)
            {
                arrival.Enqueue(oldest);
            }
            else
            {
                chains.Remove(oldest);
            }
        }
    }
}

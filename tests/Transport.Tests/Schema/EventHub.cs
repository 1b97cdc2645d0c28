using System.Collections.Concurrent;

namespace Ddl.Transport.Tests.Schema;

/// <summary>
/// Named event sources the test subscription reads from. Each test uses its own topic, so tests sharing a
/// server never see each other's events.
/// </summary>
public sealed class EventHub
{
    private readonly ConcurrentDictionary<string, Topic> _topics = new();

    public Topic this[string name] => _topics.GetOrAdd(name, _ => new Topic());

    /// <summary>A hot observable: publishing calls every current observer synchronously, on the caller's thread.</summary>
    public sealed class Topic : IObservable<string>
    {
        private readonly Lock _gate = new();
        private IObserver<string>[] _observers = [];

        public int SubscriberCount => Volatile.Read(ref _observers).Length;

        public IDisposable Subscribe(IObserver<string> observer)
        {
            lock (_gate)
                _observers = [.. _observers, observer];
            return new Unsubscriber(this, observer);
        }

        public void Publish(string value)
        {
            foreach (var observer in Volatile.Read(ref _observers))
                observer.OnNext(value);
        }

        public void Complete()
        {
            foreach (var observer in Volatile.Read(ref _observers))
                observer.OnCompleted();
        }

        public void Fail(Exception error)
        {
            foreach (var observer in Volatile.Read(ref _observers))
                observer.OnError(error);
        }

        /// <summary>Waits until the subscription has reached the source, so no published event is lost.</summary>
        public async Task WaitForSubscribersAsync(int count, TimeSpan? timeout = null)
        {
            var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
            while (SubscriberCount != count)
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"Expected {count} subscribers, have {SubscriberCount}.");
                await Task.Delay(10);
            }
        }

        private void Remove(IObserver<string> observer)
        {
            lock (_gate)
                _observers = [.. _observers.Where(o => !ReferenceEquals(o, observer))];
        }

        private sealed class Unsubscriber(Topic topic, IObserver<string> observer) : IDisposable
        {
            public void Dispose() => topic.Remove(observer);
        }
    }
}

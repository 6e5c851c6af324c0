using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace ShutdownGuard.AdditionalFiles;

/// <summary>
/// The models of the texts read most recently in this process, found again by content. The compiler server builds one
/// project after another, and each build hands the analyzer new text objects for the same files: a manifest that
/// several projects include, or that did not change since the last build, is read once. Bounded by the number and the
/// total length of the texts kept.
/// </summary>
internal sealed class ContentCache<TModel>
    where TModel : class
{
    private const int MaxTexts = 64;
    private const long MaxCharacters = 16_000_000;

    private readonly object _gate = new();

    // Most recently used first; a few dozen entries, searched by hash.
    private readonly LinkedList<Entry> _entries = new();
    private long _characters;

    public TModel? GetOrRead(SourceText text, Func<SourceText, TModel?> read)
    {
        var hash = Hash(text);
        lock (_gate)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                if (node.Value.Hash == hash && node.Value.Text.Length == text.Length && node.Value.Text.ContentEquals(text))
                {
                    _entries.Remove(node);
                    _entries.AddFirst(node);
                    return node.Value.Model;
                }
            }
        }

        var model = read(text);
        if (text.Length <= MaxCharacters)
        {
            lock (_gate)
            {
                _entries.AddFirst(new Entry(hash, text, model));
                _characters += text.Length;
                while (_entries.Count > MaxTexts || _characters > MaxCharacters)
                {
                    _characters -= _entries.Last!.Value.Text.Length;
                    _entries.RemoveLast();
                }
            }
        }

        return model;
    }

    /// <summary>FNV-1a over the characters: cheap next to reading the text, and every match is confirmed by content.</summary>
    private static ulong Hash(SourceText text)
    {
        var buffer = new char[Math.Min(text.Length, 8192)];
        var hash = 14695981039346656037UL;
        for (var start = 0; start < text.Length; start += buffer.Length)
        {
            var count = Math.Min(buffer.Length, text.Length - start);
            text.CopyTo(start, buffer, 0, count);
            for (var i = 0; i < count; i++)
            {
                hash = (hash ^ buffer[i]) * 1099511628211UL;
            }
        }

        return hash;
    }

    private sealed class Entry
    {
        public Entry(ulong hash, SourceText text, TModel? model)
        {
            Hash = hash;
            Text = text;
            Model = model;
        }

        public ulong Hash { get; }

        public SourceText Text { get; }

        public TModel? Model { get; }
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Container;

namespace ShutdownGuard.Manifests;

/// <summary>Reads a YAML or JSON file as Kubernetes objects. Never throws except on cancellation.</summary>
internal static class ManifestReader
{
    internal const int MaxChars = 16_000_000;

    private static readonly ImmutableHashSet<string> PodTemplateKinds = ImmutableHashSet.Create(
        StringComparer.Ordinal, "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job");

    // Kinds whose pods are never replaced by a rolling update.
    private static readonly ImmutableHashSet<string> KindsWithoutRollout = ImmutableHashSet.Create(
        StringComparer.Ordinal, "Pod", "Job", "CronJob", "ReplicaSet", "ReplicationController");

    private static readonly ImmutableHashSet<string> KustomizationFileNames = ImmutableHashSet.Create(
        StringComparer.Ordinal, "kustomization.yaml", "kustomization.yml", "Kustomization");

    private static readonly ImmutableHashSet<string> Shells = ImmutableHashSet.Create(
        StringComparer.Ordinal, "sh", "bash", "ash", "dash", "zsh", "ksh");

    // Programs that run the next item as the command.
    private static readonly ImmutableHashSet<string> Launchers = ImmutableHashSet.Create(StringComparer.Ordinal, "env", "busybox");

    /// <summary>Reads one manifest text. <paramref name="isKustomizationFile"/>: the file is named like a
    /// kustomization (kustomize accepts one without <c>kind</c>).</summary>
    internal static ManifestFile Read(SourceText text, bool isKustomizationFile, CancellationToken cancellationToken)
    {
        if (text.Length > MaxChars)
        {
            var head = Scan(text.ToString(new TextSpan(0, 65_536)), cancellationToken);
            return head.LooksLikeKubernetes
                ? WithProblem(ManifestProblemKind.Unreadable, "file larger than limit (" + MaxChars.ToString("N0", CultureInfo.InvariantCulture) + " characters)", new TextSpan(0, 0))
                : Silent();
        }

        var content = text.ToString();
        var lines = Scan(content, cancellationToken);

        // YamlDotNet takes a NUL for the end of the text and would drop everything after it without a word.
        var nul = content.IndexOf('\0');
        if (nul >= 0)
        {
            return lines.LooksLikeKubernetes
                ? WithProblem(ManifestProblemKind.Unreadable, "NUL character: YAML does not allow it", new TextSpan(nul, 1))
                : Silent();
        }

        // Each document becomes model objects as soon as it is parsed: its nodes die young instead of the whole
        // file's tree being kept until the end (which made the collector promote it).
        var documents = new Documents(text, lines.Templates, cancellationToken);
        var error = YamlTree.Parse(content, documents.Add, cancellationToken);
        if (lines.LooksLikeKubernetes && lines.Templates.Count > 0 && (error != null || !documents.TemplatesInsideScalars))
        {
            return WithProblem(ManifestProblemKind.Template, "unrendered template expression ({{ … }})", new TextSpan(lines.Templates[0], 2));
        }

        var isKustomization = isKustomizationFile || documents.HasKustomization;
        if (error != null)
        {
            return lines.LooksLikeKubernetes || isKustomization || documents.HasObject
                ? WithProblem(ManifestProblemKind.Unreadable, error.Message, error.Span)
                : Silent();
        }

        return isKustomization
            ? new ManifestFile(looksLikeKubernetes: true, problem: null, ImmutableArray<Workload>.Empty, ImmutableArray<ServiceObject>.Empty, ImmutableArray<ConfigMapObject>.Empty, documents.Patches.ToImmutable())
            : new ManifestFile(documents.HasObject, problem: null, documents.Workloads.ToImmutable(), documents.Services.ToImmutable(), documents.ConfigMaps.ToImmutable(), ImmutableArray<string>.Empty);
    }

    /// <summary>What the documents of a file hold, read one document at a time.</summary>
    private sealed class Documents
    {
        private readonly SourceText _text;
        private readonly List<int> _templates;
        private readonly CancellationToken _cancellationToken;

        // The next template position not yet found inside a scalar.
        private int _nextTemplate;

        public Documents(SourceText text, List<int> templates, CancellationToken cancellationToken)
        {
            _text = text;
            _templates = templates;
            _cancellationToken = cancellationToken;
        }

        public bool HasKustomization { get; private set; }

        public bool HasObject { get; private set; }

        /// <summary>True when every <c>{{</c> lies inside a scalar: a template expression as a value is merely unknown.</summary>
        public bool TemplatesInsideScalars => _nextTemplate == _templates.Count;

        public ImmutableArray<Workload>.Builder Workloads { get; } = ImmutableArray.CreateBuilder<Workload>();

        public ImmutableArray<ServiceObject>.Builder Services { get; } = ImmutableArray.CreateBuilder<ServiceObject>();

        public ImmutableArray<ConfigMapObject>.Builder ConfigMaps { get; } = ImmutableArray.CreateBuilder<ConfigMapObject>();

        /// <summary>Kept for every file: whether it is a kustomization is known once all its documents are read.</summary>
        public ImmutableArray<string>.Builder Patches { get; } = ImmutableArray.CreateBuilder<string>();

        public void Add(YNode document)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            HasKustomization |= Kind(document) == "Kustomization";
            HasObject |= IsObject(document);
            FindTemplates(document);
            ReadPatches(document, Patches);
            IEnumerable<YNode> objects = Kind(document) == "List" ? Mappings(document.Child("items")) : new[] { document };
            foreach (var obj in objects.Where(IsObject))
            {
                if (Kind(obj) == "Service" && Scalar(obj.Child("apiVersion"))?.Text == "v1")
                {
                    Services.Add(ReadService(obj));
                }
                else if (Kind(obj) == "ConfigMap" && Scalar(obj.Child("apiVersion"))?.Text == "v1")
                {
                    ConfigMaps.Add(ReadConfigMap(obj));
                }
                else if (ReadWorkload(obj, _text) is { } workload)
                {
                    Workloads.Add(workload);
                }
            }
        }

        /// <summary>Moves past the template positions that lie inside this document's scalars, in text order.</summary>
        private void FindTemplates(YNode document)
        {
            if (_nextTemplate == _templates.Count)
            {
                return;
            }

            foreach (var node in YamlTree.DescendantsAndSelf(document))
            {
                if (node is not YScalar)
                {
                    continue;
                }

                // A position before this scalar lies between nodes: it stays unmatched, and so does every later one.
                while (_nextTemplate < _templates.Count && _templates[_nextTemplate] < node.Span.End && _templates[_nextTemplate] >= node.Span.Start)
                {
                    _nextTemplate++;
                }
            }
        }
    }

    private static ManifestFile Silent() =>
        new(looksLikeKubernetes: false, problem: null, ImmutableArray<Workload>.Empty, ImmutableArray<ServiceObject>.Empty, ImmutableArray<ConfigMapObject>.Empty, ImmutableArray<string>.Empty);

    private static ManifestFile WithProblem(ManifestProblemKind kind, string message, TextSpan span) =>
        new(looksLikeKubernetes: true, new ManifestProblem(kind, message, span), ImmutableArray<Workload>.Empty, ImmutableArray<ServiceObject>.Empty, ImmutableArray<ConfigMapObject>.Empty, ImmutableArray<string>.Empty);

    /// <summary>A Kubernetes object: a mapping with <c>apiVersion</c> and <c>kind</c>.</summary>
    private static bool IsObject(YNode node) => node.Entry("apiVersion") != null && Kind(node) != null;

    private static string? Kind(YNode? node) => Scalar(node?.Child("kind"))?.Text;

    private static Workload? ReadWorkload(YNode obj, SourceText text)
    {
        var kindScalar = Scalar(obj.Child("kind"))!;
        var kind = kindScalar.Text;
        var spec = obj.Child("spec");
        var template = kind switch
        {
            "Pod" => obj,
            "CronJob" => spec?.Child("jobTemplate")?.Child("spec")?.Child("template"),
            _ => spec?.Child("template"),
        };
        var podSpecEntry = template?.Entry("spec");
        if (podSpecEntry?.Value is not YMapping podSpec
            || (kind != "Pod" && kind != "CronJob" && !PodTemplateKinds.Contains(kind) && podSpec.Entry("containers") == null))
        {
            return null;
        }

        var metadata = obj.Child("metadata");
        var podMetadata = template!.Child("metadata");
        var annotations = ImmutableDictionary.CreateBuilder<string, ManifestScalar>(StringComparer.Ordinal);
        foreach (var source in new[] { metadata, podMetadata })
        {
            foreach (var entry in ScalarEntries(source?.Child("annotations")))
            {
                annotations[entry.Key] = entry.Value;
            }
        }

        var replicas = kind == "Pod" ? null : spec?.Entry("replicas");
        var strategy = KindsWithoutRollout.Contains(kind) ? null : ReadStrategy(spec?.Entry("strategy") ?? spec?.Entry("updateStrategy"), text);
        var pod = new PodSpec(
            podSpecEntry.Key.Span,
            ChildIndent(podSpec, text),
            Scalar(podSpec.Child("terminationGracePeriodSeconds")),
            Mappings(podSpec.Child("containers")).Select(c => ReadContainer(c, text)).ToImmutableArray(),
            Mappings(podSpec.Child("initContainers")).Select(c => ReadContainer(c, text)).ToImmutableArray());
        return new Workload(
            kind,
            kindScalar.Span,
            Scalar(metadata?.Child("name")),
            Scalar(metadata?.Child("namespace")),
            annotations.ToImmutable(),
            LiteralValues(podMetadata?.Child("labels")),
            Scalar(replicas?.Value),
            replicas != null,
            ReadMappingKey(obj.Entry("spec"), text),
            strategy,
            pod);
    }

    private static RolloutStrategy? ReadStrategy(YEntry? entry, SourceText text)
    {
        if (entry is null || entry.Value is YScalar { IsNull: true })
        {
            return null;
        }

        var strategy = entry.Value as YMapping;
        var rollingUpdate = strategy?.Entry("rollingUpdate");
        var settings = rollingUpdate?.Value;
        var isKnown = strategy is not null
            && strategy.Child("type") is null or YScalar
            && settings is null or YMapping or YScalar { IsNull: true }
            && settings?.Child("maxUnavailable") is null or YScalar
            && settings?.Child("maxSurge") is null or YScalar;
        return new RolloutStrategy(
            ReadMappingKey(entry, text)!,
            isKnown,
            Scalar(strategy?.Child("type")),
            ReadMappingKey(rollingUpdate, text),
            Scalar(settings?.Child("maxUnavailable")),
            Scalar(settings?.Child("maxSurge")),
            entry.Value.Span);
    }

    private static MappingKey? ReadMappingKey(YEntry? entry, SourceText text) =>
        entry is null ? null : new MappingKey(entry.Key.Span, entry.Value is YMapping mapping ? ChildIndent(mapping, text) : -1);

    private static ContainerSpec ReadContainer(YMapping container, SourceText text)
    {
        return new ContainerSpec(
            Scalar(container.Child("name")),
            Scalar(container.Child("image")),
            container.Span,
            ChildIndent(container, text),
            Mappings(container.Child("ports")).Select(p => new ContainerPort(Scalar(p.Child("name")), Scalar(p.Child("containerPort")))).ToImmutableArray(),
            ReadEnv(container.Child("env")),
            ReadEnvFrom(container.Child("envFrom")),
            Scalars(container.Child("command")),
            Scalars(container.Child("args")),
            ReadProbe(container.Entry("readinessProbe")),
            ReadProbe(container.Entry("livenessProbe")),
            ReadProbe(container.Entry("startupProbe")),
            ReadPreStop(container.Entry("lifecycle")),
            ReadLifecycle(container.Entry("lifecycle"), text));
    }

    private static LifecycleSpec? ReadLifecycle(YEntry? lifecycle, SourceText text) =>
        lifecycle == null
            ? null
            : new LifecycleSpec(
                lifecycle.Value.Span,
                lifecycle.Value is YMapping mapping ? ChildIndent(mapping, text) : -1,
                lifecycle.Value.Entry("preStop") != null);

    private static ImmutableArray<EnvVar> ReadEnv(YNode? env)
    {
        var result = ImmutableArray.CreateBuilder<EnvVar>();
        foreach (var entry in Mappings(env))
        {
            if (Scalar(entry.Child("name")) is { } name)
            {
                // Kubernetes takes exactly one source in valueFrom.
                var valueFrom = entry.Child("valueFrom");
                var reference = valueFrom?.Child("configMapKeyRef");
                var configMapKey = reference is null ? null : new ConfigMapKeyRef(Scalar(reference.Child("name")), Scalar(reference.Child("key")), IsTrue(reference.Child("optional")));
                result.Add(new EnvVar(name, Scalar(entry.Child("value")), valueFrom != null, configMapKey, entry.Span));
            }
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<EnvFromSource> ReadEnvFrom(YNode? envFrom)
    {
        if (envFrom is null or YScalar { IsNull: true })
        {
            return ImmutableArray<EnvFromSource>.Empty;
        }

        if (envFrom is not YSequence sequence)
        {
            return ImmutableArray.Create(new EnvFromSource(EnvFromKind.Unknown, name: null, prefix: null));
        }

        return sequence.Values.Select(item =>
        {
            var prefix = Scalar(item.Child("prefix"));
            return item.Child("configMapRef") is YMapping configMap ? new EnvFromSource(EnvFromKind.ConfigMap, Scalar(configMap.Child("name")), prefix)
                : item.Child("secretRef") is YMapping secret ? new EnvFromSource(EnvFromKind.Secret, Scalar(secret.Child("name")), prefix)
                : new EnvFromSource(EnvFromKind.Unknown, name: null, prefix);
        }).ToImmutableArray();
    }

    /// <summary>A ConfigMap with its <c>data</c>, unknown unless it is a mapping of scalars.</summary>
    private static ConfigMapObject ReadConfigMap(YNode configMap)
    {
        var metadata = configMap.Child("metadata");
        var data = configMap.Child("data");
        var isKnown = data is null or YScalar { IsNull: true }
            || (data is YMapping mapping && mapping.EffectiveEntries().All(entry => entry.Key is YScalar && Scalar(entry.Value) is not null));
        return new ConfigMapObject(
            Scalar(metadata?.Child("name")),
            Scalar(metadata?.Child("namespace")),
            isKnown ? ScalarEntries(data).ToImmutableDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal) : null);
    }

    private static bool IsTrue(YNode? node) => Scalar(node) is { IsPlain: true, Text: "true" };

    /// <summary>A probe that is present but not a mapping (a template, say) is kept with kind Unknown: it exists.</summary>
    private static Probe? ReadProbe(YEntry? entry)
    {
        if (entry == null || entry.Value is YScalar { IsNull: true })
        {
            return null;
        }

        var probe = entry.Value;
        var httpGet = probe.Child("httpGet");
        var tcpSocket = probe.Child("tcpSocket");
        var grpc = probe.Child("grpc");
        var exec = probe.Child("exec");
        // A path that is not a scalar is unknown, not absent (absent means '/').
        var kind = httpGet != null ? (httpGet is YMapping && httpGet.Child("path") is null or YScalar ? ProbeKind.HttpGet : ProbeKind.Unknown)
            : tcpSocket != null ? ProbeKind.TcpSocket
            : grpc != null ? ProbeKind.Grpc
            : exec != null ? ProbeKind.Exec
            : ProbeKind.Unknown;
        return new Probe(
            kind,
            entry.Key.Span,
            Scalar(httpGet?.Child("path")),
            Scalar((httpGet ?? tcpSocket ?? grpc)?.Child("port")),
            Scalar(grpc?.Child("service")),
            Scalars(exec?.Child("command")),
            Scalar(probe.Child("initialDelaySeconds")),
            Scalar(probe.Child("periodSeconds")),
            Scalar(probe.Child("timeoutSeconds")),
            Scalar(probe.Child("failureThreshold")),
            Scalar(probe.Child("successThreshold")));
    }

    private static PreStopHook? ReadPreStop(YEntry? lifecycle)
    {
        if (lifecycle == null || lifecycle.Value is YScalar { IsNull: true })
        {
            return null;
        }

        if (lifecycle.Value is not YMapping)
        {
            // A template could hold a preStop hook: it is unknown, not absent.
            return new PreStopHook(PreStopKind.Unknown, lifecycle.Key.Span, delaySeconds: null, delayValue: null, ImmutableArray<ManifestScalar>.Empty, usesShell: false);
        }

        var entry = lifecycle.Value.Entry("preStop");
        if (entry == null || entry.Value is YScalar { IsNull: true })
        {
            return null;
        }

        var hook = entry.Value;
        if (hook.Child("sleep") is { } sleep)
        {
            var seconds = Scalar(sleep.Child("seconds"));
            return new PreStopHook(PreStopKind.Sleep, entry.Key.Span, seconds?.AsInt(), seconds, ImmutableArray<ManifestScalar>.Empty, usesShell: false);
        }

        if (hook.Child("exec") is { } exec)
        {
            var command = Scalars(exec.Child("command"));
            var program = command.Length > 0 ? BaseName(command[0].Text) : null;
            var usesShell = program is not null && (Shells.Contains(program) || Launchers.Contains(program) || program == "sleep");
            var found = FindSleep(command);
            var execEntry = hook.Entry("exec")!;
            return new PreStopHook(
                found.Found ? PreStopKind.ExecSleep : PreStopKind.Exec,
                entry.Key.Span,
                found.Seconds,
                found.Value,
                command,
                usesShell,
                execEntry.Key.IsShared || execEntry.Value.IsShared ? null : TextSpan.FromBounds(execEntry.Key.Span.Start, Math.Max(execEntry.Key.Span.End, execEntry.Value.Span.End)),
                found.Only);
        }

        var kind = hook.Child("httpGet") != null ? PreStopKind.HttpGet : PreStopKind.Unknown;
        return new PreStopHook(kind, entry.Key.Span, delaySeconds: null, delayValue: null, ImmutableArray<ManifestScalar>.Empty, usesShell: false);
    }

    /// <summary>
    /// The first <c>sleep N</c> the command runs: <c>sleep 5</c>, <c>/bin/sleep 5</c>, <c>env sleep 5</c>, or inside
    /// <c>sh -c "…; sleep 5 &amp;&amp; …"</c>. The delay is null when N is not a whole number of seconds (then it is unknown).
    /// <c>Only</c>: the command runs that sleep and nothing else.
    /// </summary>
    private static (bool Found, int? Seconds, ManifestScalar? Value, bool Only) FindSleep(ImmutableArray<ManifestScalar> command)
    {
        var first = 0;
        while (first < command.Length && Launchers.Contains(BaseName(command[first].Text)))
        {
            first++;
        }

        if (first >= command.Length)
        {
            return default;
        }

        var program = BaseName(command[first].Text);
        if (program == "sleep")
        {
            return first + 1 < command.Length
                ? (true, ParseDuration(command[first + 1].Text), command[first + 1], first + 2 == command.Length)
                : (true, null, null, false);
        }

        if (Shells.Contains(program))
        {
            // The script follows the first option that contains 'c' (-c, -ec, -xc…).
            for (var i = first + 1; i + 1 < command.Length; i++)
            {
                var option = command[i].Text;
                if (option.StartsWith("-", StringComparison.Ordinal) && option.IndexOf('c') > 0)
                {
                    return ScriptSleep(ShellScript.Parse(command[i + 1].Text)) is { } sleep
                        ? (true, ParseDuration(sleep.Duration), command[i + 1], i + 2 == command.Length && sleep.Only)
                        : default;
                }
            }
        }

        return default;
    }

    /// <summary>The first <c>sleep N</c> of a script, behind <c>exec</c> or a launcher, N with its quotes removed; null
    /// when there is none or the tokenizer does not follow the script. <c>Only</c>: the script is that one command.</summary>
    private static (string Duration, bool Only)? ScriptSleep(ShellScript script)
    {
        foreach (var command in script.Commands)
        {
            var words = command.Words;
            var first = 0;
            while (first < words.Length && (words[first] == "exec" || Launchers.Contains(BaseName(words[first]))))
            {
                first++;
            }

            if (first + 1 < words.Length && BaseName(words[first]) == "sleep")
            {
                return (words[first + 1], script.IsSingleSimpleCommand && words.Length == first + 2);
            }
        }

        return null;
    }

    /// <summary>Whole seconds from <c>5</c>, <c>5s</c>, <c>2m</c>, <c>1h</c>, <c>1d</c>; null otherwise (<c>0.5</c>, <c>$DELAY</c>).</summary>
    private static int? ParseDuration(string value)
    {
        var unit = value.Length > 1 ? value[value.Length - 1] switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => 0 } : 0;
        var number = unit == 0 ? value : value.Substring(0, value.Length - 1);
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        var seconds = (long)amount * Math.Max(unit, 1);
        return seconds <= int.MaxValue ? (int)seconds : null;
    }

    private static ServiceObject ReadService(YNode service)
    {
        var metadata = service.Child("metadata");
        return new ServiceObject(
            Scalar(metadata?.Child("name")),
            Scalar(metadata?.Child("namespace")),
            LiteralValues(service.Child("spec")?.Child("selector")),
            Scalar(service.Child("kind"))!.Span,
            Mappings(service.Child("spec")?.Child("ports"))
                .Select(port => new ServicePort(Scalar(port.Child("port")), Scalar(port.Child("targetPort")), port.Entry("targetPort") != null))
                .ToImmutableArray());
    }

    private static void ReadPatches(YNode document, ImmutableArray<string>.Builder patches)
    {
        // An item with a line break is an inline patch, not a file.
        patches.AddRange(Scalars(document.Child("patchesStrategicMerge")).Select(s => s.Text).Where(t => t.IndexOf('\n') < 0));
        foreach (var patch in Mappings(document.Child("patches")).Concat(Mappings(document.Child("patchesJson6902"))))
        {
            if (Scalar(patch.Child("path")) is { } path)
            {
                patches.Add(path.Text);
            }
        }
    }

    /// <summary>The scalar value of a node; null when absent, YAML null, or not a scalar.</summary>
    private static ManifestScalar? Scalar(YNode? node) => node is YScalar { IsNull: false } scalar ? scalar.ToManifestScalar() : null;

    /// <summary>The scalar items of a sequence.</summary>
    private static ImmutableArray<ManifestScalar> Scalars(YNode? node) =>
        node is YSequence sequence
            ? sequence.Values.Select(Scalar).Where(s => s != null).ToImmutableArray()!
            : ImmutableArray<ManifestScalar>.Empty;

    /// <summary>The mapping items of a sequence.</summary>
    private static IEnumerable<YMapping> Mappings(YNode? node) =>
        node is YSequence sequence ? sequence.Values.OfType<YMapping>() : Enumerable.Empty<YMapping>();

    /// <summary>The entries of a mapping whose key and value are scalars, merge keys applied.</summary>
    private static IEnumerable<KeyValuePair<string, ManifestScalar>> ScalarEntries(YNode? node)
    {
        if (node is not YMapping mapping)
        {
            yield break;
        }

        foreach (var entry in mapping.EffectiveEntries())
        {
            if (entry.Key is YScalar key && Scalar(entry.Value) is { } value)
            {
                yield return new KeyValuePair<string, ManifestScalar>(key.Value, value);
            }
        }
    }

    /// <summary>Labels or a selector: the entries whose value is known.</summary>
    private static ImmutableDictionary<string, string> LiteralValues(YNode? node) =>
        ScalarEntries(node).Where(e => !e.Value.IsTemplate).ToImmutableDictionary(e => e.Key, e => e.Value.Text, StringComparer.Ordinal);

    /// <summary>The column of a block mapping's keys; -1 when no key may be inserted: flow style, no keys, or text an
    /// alias shares (the key would appear in every user of the anchor).</summary>
    private static int ChildIndent(YMapping mapping, SourceText text) =>
        mapping.IsFlow || mapping.IsShared || mapping.Entries.Count == 0 ? -1 : text.Lines.GetLinePosition(mapping.Entries[0].KeyAsWritten.Span.Start).Character;

    private static string BaseName(string program) => program.Substring(program.LastIndexOf('/') + 1);

    /// <summary>True for <c>kustomization.yaml</c>, <c>kustomization.yml</c> and <c>Kustomization</c>.</summary>
    internal static bool IsKustomizationFileName(string path) =>
        KustomizationFileNames.Contains(path.Substring(Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\')) + 1));

    private sealed class LineScan
    {
        public bool LooksLikeKubernetes { get; set; }

        /// <summary>Where <c>{{</c> opens an expression closed on the same line, outside comment lines.</summary>
        public List<int> Templates { get; } = new();
    }

    /// <summary>
    /// The textual view used when the YAML cannot be trusted: does it look like Kubernetes (lines that start
    /// with an <c>apiVersion</c> and a <c>kind</c> key), and where are template expressions.
    /// </summary>
    private static LineScan Scan(string text, CancellationToken cancellationToken)
    {
        var result = new LineScan();
        bool hasApiVersion = false, hasKind = false;
        var lineCount = 0;
        for (var start = 0; start < text.Length;)
        {
            if ((++lineCount & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end;
            var first = start;
            while (first < end && (char.IsWhiteSpace(text[first]) || text[first] == '\uFEFF'))
            {
                first++;
            }

            if (first < end && text[first] != '#')
            {
                // A key may follow a sequence dash (kind: List) or open a JSON object.
                var key = first;
                while (key < end && text[key] is '-' or '{' or ' ')
                {
                    key++;
                }

                hasApiVersion |= IsKey(text, key, end, "apiVersion");
                hasKind |= IsKey(text, key, end, "kind");
                var close = text.LastIndexOf("}}", end - 1, end - first, StringComparison.Ordinal);
                for (var open = text.IndexOf("{{", first, end - first, StringComparison.Ordinal); open >= 0 && open + 2 <= close; open = text.IndexOf("{{", open + 2, end - open - 2, StringComparison.Ordinal))
                {
                    // ${{ … }} is a CI expression, not a Helm template.
                    if (open == 0 || text[open - 1] != '$')
                    {
                        result.Templates.Add(open);
                    }
                }
            }

            start = end + 1;
        }

        result.LooksLikeKubernetes = hasApiVersion && hasKind;
        return result;
    }

    /// <summary>True when the line at <paramref name="at"/> reads <c>key:</c> or <c>"key":</c>.</summary>
    private static bool IsKey(string text, int at, int end, string key)
    {
        if (at < end && text[at] == '"')
        {
            at++;
        }

        if (end - at < key.Length || string.CompareOrdinal(text, at, key, 0, key.Length) != 0)
        {
            return false;
        }

        at += key.Length;
        if (at < end && text[at] == '"')
        {
            at++;
        }

        while (at < end && text[at] is ' ' or '\t')
        {
            at++;
        }

        return at < end && text[at] == ':';
    }
}

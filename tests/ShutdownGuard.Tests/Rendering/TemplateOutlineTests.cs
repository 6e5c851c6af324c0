using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Rendering;

namespace ShutdownGuard.Tests.Rendering;

public class TemplateOutlineTests
{
    private static TemplateOutline Outline(string template) => TemplateOutline.Reader.Read(SourceText.From(template))!;

    private static TemplateEntry Entry(string template, params string[] keys)
    {
        var (entries, depth) = Outline(template).Find(keys.ToImmutableArray());
        Assert.Equal(keys.Length, depth);
        return entries[0];
    }

    [Theory]
    [InlineData("port: {{ .Values.service.port }}", "service.port")]
    [InlineData("port: {{ .Values.service.port | quote }}", "service.port")]
    [InlineData("port: \"{{ .Values.service.port }}\"", "service.port")]
    [InlineData("port: {{ default 8080 .Values.service.port }}", "service.port")]
    [InlineData("port: {{ .Values.service.port | default 8080 | int }}", "service.port")]
    [InlineData("port: {{ $.Values.service.port }}", "service.port")]
    [InlineData("{{- with .Values.service }}\nport: {{ .port }}\n{{- end }}", "service.port")]
    public void A_value_handed_on_unchanged_names_its_values_keys(string template, string keys)
    {
        var entry = Entry(template, "port");

        Assert.Equal(TemplateValueKind.Values, entry.Kind);
        Assert.Equal(keys, string.Join(".", entry.ValuesPath));
    }

    [Theory]
    [InlineData("port: {{ add .Values.service.port 1 }}")]
    [InlineData("port: {{ .Values.service.port }}{{ .Values.suffix }}")]
    [InlineData("port: {{ include \"chart.port\" . }}")]
    [InlineData("port: x-{{ .Values.service.port }}")]
    [InlineData("{{- range .Values.ports }}\nport: {{ .port }}\n{{- end }}")]
    [InlineData("port: {{ $port }}")]
    public void A_value_computed_from_values_is_computed(string template)
    {
        Assert.Equal(TemplateValueKind.Computed, Entry(template, "port").Kind);
    }

    [Fact]
    public void Keys_nest_by_indentation_through_sequence_items_and_template_lines()
    {
        const string Template = """
            spec:
              template:
                spec:
                  containers:
                    - name: {{ .Chart.Name }}
                      {{- if .Values.debug }}
                      args: [--debug]
                      {{- end }}
                      ports:
                        - name: http
                          containerPort: 8080 # the app's port
            """;

        var port = Entry(Template, "spec", "template", "spec", "containers", "ports", "containerPort");

        Assert.Equal(TemplateValueKind.Literal, port.Kind);
        Assert.Equal("8080", port.Literal);
        Assert.Equal("8080", SourceText.From(Template).ToString(port.ValueSpan));
        Assert.Equal(TemplateValueKind.Literal, Entry(Template, "spec", "template", "spec", "containers", "args").Kind);
    }

    [Fact]
    public void A_toYaml_block_under_a_key_names_the_values_it_renders()
    {
        const string Template = """
            containers:
              - name: app
                {{- with .Values.readinessProbe }}
                readinessProbe:
                  {{- toYaml . | nindent 12 }}
                {{- end }}
                resources:
                  {{- toYaml .Values.resources | nindent 12 }}
            """;

        Assert.Equal("readinessProbe", string.Join(".", Entry(Template, "containers", "readinessProbe").ValuesPath));
        Assert.Equal("resources", string.Join(".", Entry(Template, "containers", "resources").ValuesPath));
    }

    [Fact]
    public void A_deeper_path_than_the_template_writes_finds_its_deepest_written_key()
    {
        var (entries, depth) = Outline("readinessProbe:\n  {{- toYaml .Values.probe | nindent 2 }}\n").Find(ImmutableArray.Create("readinessProbe", "httpGet", "port"));

        Assert.Equal(1, depth);
        Assert.Equal("probe", Assert.Single(Assert.Single(entries).ValuesPath));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{{")]
    [InlineData("}}: {{")]
    [InlineData("\"unterminated: x")]
    [InlineData("- - - -")]
    [InlineData("a: {{ .Values. }}")]
    [InlineData("{{- end }}\n{{- end }}\nx: 1")]
    [InlineData("key:{{.Values.x}}\n  :\n: :")]
    [InlineData("'a': {{ with .Values.x }}{{ . }}{{ end }}")]
    public void Half_typed_templates_throw_nothing(string template)
    {
        Assert.NotNull(Outline(template));
    }

    [Fact]
    public void Random_text_throws_nothing()
    {
        var random = new Random(20261130);
        const string Alphabet = " -:{}|.\"'#\n\tab$";
        for (var i = 0; i < 2000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(1, 80)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
            Assert.NotNull(Outline(text));
        }
    }
}

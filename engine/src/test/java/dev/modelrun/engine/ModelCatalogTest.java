package dev.modelrun.engine;

import static dev.modelrun.engine.Fixtures.WAIT;
import static dev.modelrun.engine.Fixtures.items;
import static dev.modelrun.engine.Fixtures.text;
import static dev.modelrun.engine.testkit.Jobs.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.model.ItemSuccess;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.ModelNotFoundException;
import dev.modelrun.core.port.in.ModelSummary;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.TabularTestModel;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {
  @Test
  void discovers_models_through_the_service_loader_and_runs_them() throws Exception {
    try (ModelRunEngine engine = ModelRunEngine.builder().discoverModels().build()) {
      JobId id = engine.submit(text(DiscoveredModel.DESCRIPTOR.ref(), items(1))).job().job().id();
      engine.await(id, WAIT);

      assertThat(engine.models()).extracting(ModelSummary::identifier).containsExactly("discovered");
      assertThat(engine.itemResult(ALICE, id, "item-1")).isInstanceOfSatisfying(ItemSuccess.class,
          success -> assertThat(success.outputs().get("results.json").text()).isEqualTo("discovered"));
    }
  }

  @Test
  void lists_models_by_identifier_with_versions_oldest_first() {
    try (ModelRunEngine engine = ModelRunEngine.builder().model(EchoModel.as("echo", "0.10.0"))
        .model(EchoModel.as("echo", "0.9.1")).model(new TabularTestModel()).build()) {
      ModelSummary echo = engine.model("echo");

      assertThat(engine.models()).extracting(ModelSummary::identifier).containsExactly("echo", "tabular");
      assertThat(echo.versions()).containsExactly("0.9.1", "0.10.0");
      assertThat(echo.latestVersion()).isEqualTo("0.10.0");
      assertThat(engine.descriptor("tabular", "1.0.0")).isEqualTo(TabularTestModel.DESCRIPTOR);
      assertThatThrownBy(() -> engine.model("nope")).isInstanceOf(ModelNotFoundException.class);
      assertThatThrownBy(() -> engine.descriptor("echo", "1.0.0")).isInstanceOf(ModelNotFoundException.class)
          .hasMessageContaining("version '1.0.0'");
    }
  }

  @Test
  void refuses_a_model_registered_twice() {
    assertThatThrownBy(() -> ModelRunEngine.builder().model(new EchoModel()).model(new EchoModel()).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registered twice");
  }
}

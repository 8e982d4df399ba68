package dev.modelrun.app.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.port.out.ItemModel;
import dev.modelrun.core.port.out.Model;
import dev.modelrun.core.port.out.TabularModel;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class BuiltInModelsTest {

  @Test
  void all_gives_the_sentiment_and_the_tabular_demo_model() {
    assertThat(BuiltInModels.all()).extracting(m -> m.descriptor().ref().toString())
        .containsExactly("ed542963de@0.0.27", "tabular-demo@1.0.0");
    assertThat(BuiltInModels.all().get(0)).isInstanceOf(ItemModel.class);
    assertThat(BuiltInModels.all().get(1)).isInstanceOf(TabularModel.class);
  }

  @Test
  void the_service_loader_finds_both_through_the_sealed_model_interface() {
    assertThat(ServiceLoader.load(Model.class).stream().map(ServiceLoader.Provider::get).toList())
        .extracting(m -> m.descriptor().ref().identifier())
        .containsExactlyInAnyOrder("ed542963de", "tabular-demo");
  }
}
